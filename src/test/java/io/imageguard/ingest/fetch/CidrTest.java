package io.imageguard.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @Test
    void containsAddressesWithinThePrefix() throws UnknownHostException {
        Cidr cgnat = Cidr.parse("100.64.0.0/10");

        assertThat(cgnat.contains(InetAddress.getByName("100.64.0.0"))).isTrue();
        assertThat(cgnat.contains(InetAddress.getByName("100.127.255.255"))).isTrue();
        assertThat(cgnat.contains(InetAddress.getByName("100.128.0.0"))).isFalse();
        assertThat(cgnat.contains(InetAddress.getByName("::1"))).isFalse();
    }

    @Test
    void parsesIpv6Blocks() throws UnknownHostException {
        Cidr ula = Cidr.parse("fc00::/7");

        assertThat(ula.contains(InetAddress.getByName("fdff:ffff::1"))).isTrue();
        assertThat(ula.contains(InetAddress.getByName("fe00::1"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.0",
                "10.0.0.1/8",
                "10.0.0.0/33",
                "10.0.0.0/x",
                "localhost/32",
                "127.1/32",
                "fc00::1/7"
            })
    void rejectsMalformedBlocks(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.1", "2130706433", "0x7f.0.0.1", "010.0.0.1", "10.0.0.1.", "a.123"})
    void numericHostsThatAreNoStrictLiteralAreAmbiguous(String host) {
        assertThat(Cidr.IpLiterals.isAmbiguousNumeric(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "images.example.com", "::1", "cdn1.example"})
    void literalsAndNamesAreNotAmbiguous(String host) {
        assertThat(Cidr.IpLiterals.isAmbiguousNumeric(host)).isFalse();
    }
}
