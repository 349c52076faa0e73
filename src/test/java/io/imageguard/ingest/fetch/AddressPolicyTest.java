package io.imageguard.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    private final AddressPolicy strict = new AddressPolicy(List.of());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "0.1.2.3",
                "10.0.0.1",
                "10.255.255.255",
                "100.64.0.1",
                "100.127.255.254",
                "127.0.0.1",
                "127.255.0.1",
                "169.254.169.254",
                "172.16.0.1",
                "172.31.255.255",
                "192.0.0.8",
                "192.0.2.1",
                "192.88.99.1",
                "192.168.1.1",
                "198.18.0.1",
                "198.19.255.255",
                "198.51.100.7",
                "203.0.113.9",
                "224.0.0.1",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255",
                // IPv6: unspecified, loopback, ULA, link-local, site-local, multicast, discard,
                // documentation, Teredo, benchmarking, local-use NAT64.
                "::",
                "::1",
                "fc00::1",
                "fd12:3456::1",
                "fe80::1",
                "fec0::1",
                "ff02::1",
                "100::1",
                "2001:db8::1",
                "3fff::1",
                "2001::1",
                "2001:2::1",
                "64:ff9b:1::1",
                // IPv4 embedded in IPv6: compatible, NAT64 and 6to4 forms of private addresses.
                "::10.0.0.1",
                "::127.0.0.1",
                "64:ff9b::10.0.0.1",
                "64:ff9b::169.254.169.254",
                "2002:a00:1::1",
                "2002:7f00:1::"
            })
    void refusesNonPublicAddresses(String literal) throws UnknownHostException {
        assertThat(strict.refusal(InetAddress.getByName(literal))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "93.184.215.14",
                "100.63.255.255",
                "100.128.0.0",
                "172.15.255.255",
                "172.32.0.0",
                "192.167.255.255",
                "192.169.0.0",
                "198.17.255.255",
                "198.20.0.0",
                "223.255.255.255",
                "2606:4700:4700::1111",
                "2a00:1450:4001:80b::200e",
                "64:ff9b::8.8.8.8",
                "2002:808:808::1"
            })
    void allowsPublicAddresses(String literal) throws UnknownHostException {
        assertThat(strict.refusal(InetAddress.getByName(literal))).isEmpty();
    }

    @Test
    void judgesIpv4MappedIpv6ByItsIpv4Address() throws UnknownHostException {
        // Built as Inet6Address explicitly: InetAddress.getByName would convert it to IPv4.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        mapped[12] = 10;
        mapped[15] = 1;
        assertThat(strict.refusal(Inet6Address.getByAddress(null, mapped, -1)))
                .hasValueSatisfying(why -> assertThat(why).contains("10.0.0.1"));

        mapped[12] = 8;
        mapped[13] = 8;
        mapped[14] = 8;
        mapped[15] = 8;
        assertThat(strict.refusal(Inet6Address.getByAddress(null, mapped, -1))).isEmpty();
    }

    @Test
    void allowListOverridesOnlyTheBlocksItNames() throws UnknownHostException {
        AddressPolicy loopbackOne = new AddressPolicy(List.of(Cidr.parse("127.0.0.1/32")));

        assertThat(loopbackOne.refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(loopbackOne.refusal(InetAddress.getByName("127.0.0.2"))).isPresent();
        assertThat(loopbackOne.refusal(InetAddress.getByName("10.0.0.1"))).isPresent();
        // ::1 is IPv6 loopback, not the allowed IPv4 address.
        assertThat(loopbackOne.refusal(InetAddress.getByName("::1"))).isPresent();
    }
}
