package io.imageguard.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashTextTest {
    @Test
    void formatsEachItemAsAlgorithmColonLowercaseHex() {
        HashText text =
                new HashText(
                        List.of(
                                HashText.Item.ofWords("dct64-t", new long[] {0x0123456789ABCDEFL}),
                                HashText.Item.ofWords("dct64-c80", new long[] {-1L})));

        assertThat(text.toString())
                .isEqualTo("dct64-t:0123456789abcdef,dct64-c80:ffffffffffffffff");
    }

    @Test
    void parsesWhatItFormats() {
        String s = "dct64-t:0123456789abcdef,dct64-r:8000000000000001";

        HashText text = HashText.parse(s);

        assertThat(text.toString()).isEqualTo(s);
        assertThat(text.get("dct64-r").words()).containsExactly(0x8000000000000001L);
        assertThat(text.get("dct64-t").words()).containsExactly(0x0123456789abcdefL);
        assertThat(text.get("dct64-c80")).isNull();
    }

    @Test
    void acceptsUppercaseHexAndPrintsItLowercase() {
        assertThat(HashText.parse("dct64-t:ABCDEF0123456789").toString())
                .isEqualTo("dct64-t:abcdef0123456789");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "0123456789abcdef",
                "dct64-t:",
                "dct64-t:abc",
                "dct64-t:zz23456789abcdef",
                ":0123456789abcdef",
                "DCT64:0123456789abcdef",
                "dct64 t:0123456789abcdef",
                "dct64-t:0123456789abcdef,",
                ",dct64-t:0123456789abcdef",
                "dct64-t:0123456789abcdef,dct64-t:0123456789abcdef",
                "dct64-t:0123456789abcdef;dct64-r:0123456789abcdef",
                "dct64-t:0x23456789abcdef",
                // fullwidth digits: hex means ASCII hex
                "dct64-t:\uff10123456789abcdef",
                "dct64-é:0123456789abcdef",
                // 129 bytes, one more than an item may hold
                "dct64-t:000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            })
    void rejectsMalformedText(String s) {
        assertThatThrownBy(() -> HashText.parse(s)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesWordsOfAHashThatIsNotWholeWords() {
        HashText.Item item = HashText.parse("x:abcd").items().get(0);

        assertThatThrownBy(item::words).isInstanceOf(IllegalArgumentException.class);
    }
}
