package io.imageguard.match;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The text form of a photo's hashes, as events carry it in {@code hash} and {@code imageguard hash}
 * prints it: one or more {@code <algorithm>:<hex>} items separated by commas, e.g. {@code
 * dct64-t:8f3a0c1e55d2b907,dct64-c80:...}. The algorithm is lowercase letters, digits and {@code
 * -}; the hex is lowercase (upper case accepted on input), a whole number of bytes. Algorithms are
 * unique within one text.
 */
public record HashText(List<Item> items) {
    private static final HexFormat HEX_FORMAT = HexFormat.of();

    /** One hash: the algorithm (with its view) and its bits, most significant first. */
    public record Item(String algorithm, byte[] bytes) {
        public Item {
            if (!isAlgorithmName(algorithm)) {
                throw new IllegalArgumentException("bad hash algorithm name: " + algorithm);
            }
            if (bytes.length == 0 || bytes.length > 128) {
                throw new IllegalArgumentException("hash must be 1 to 128 bytes");
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** The bits as 64-bit words, most significant first; the length must be a multiple of 8. */
        public long[] words() {
            if (bytes.length % 8 != 0) {
                throw new IllegalArgumentException(
                        algorithm + " is not a whole number of 64-bit words");
            }
            long[] w = new long[bytes.length / 8];
            for (int i = 0; i < bytes.length; i++) {
                w[i / 8] = (w[i / 8] << 8) | (bytes[i] & 0xff);
            }
            return w;
        }

        static Item ofWords(String algorithm, long[] words) {
            byte[] b = new byte[words.length * 8];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (words[i / 8] >>> (56 - 8 * (i % 8)));
            }
            return new Item(algorithm, b);
        }

        @Override
        public String toString() {
            return algorithm + ":" + HEX_FORMAT.formatHex(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Item i
                    && i.algorithm.equals(algorithm)
                    && java.util.Arrays.equals(i.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return algorithm.hashCode() * 31 + java.util.Arrays.hashCode(bytes);
        }
    }

    public HashText {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("hash text needs at least one hash");
        }
        items = List.copyOf(items);
        if (items.stream().map(Item::algorithm).distinct().count() != items.size()) {
            throw new IllegalArgumentException("repeated hash algorithm in " + items);
        }
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException when it is not one or more well-formed, distinct items
     */
    public static HashText parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty hash text");
        }
        List<Item> items = new ArrayList<>();
        // Limit -1 keeps trailing empty items, so "a:00," is refused rather than trimmed.
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("hash item without ':': " + part);
            }
            byte[] bytes = hexBytes(part, colon + 1);
            if (bytes == null) {
                throw new IllegalArgumentException("bad hex in hash item: " + part);
            }
            items.add(new Item(part.substring(0, colon), bytes));
        }
        return new HashText(items);
    }

    /**
     * {@code [a-z][a-z0-9-]{0,31}}, checked by hand: every hash a registry lookup parses passes
     * here.
     */
    private static boolean isAlgorithmName(String s) {
        if (s.isEmpty() || s.length() > 32 || s.charAt(0) < 'a' || s.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of {@code s} from {@code from} on: 1 to 128 bytes of hex digits, or null. */
    private static byte[] hexBytes(String s, int from) {
        int n = s.length() - from;
        if (n < 2 || n > 256 || n % 2 != 0) {
            return null;
        }
        byte[] out = new byte[n / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = hexDigit(s.charAt(from + 2 * i));
            int lo = hexDigit(s.charAt(from + 2 * i + 1));
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** ASCII hex only ({@code Character.digit} would take other scripts' digits too). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** The item for {@code algorithm}, or {@code null}. */
    public Item get(String algorithm) {
        for (Item i : items) {
            if (i.algorithm.equals(algorithm)) {
                return i;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Item i : items) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(i);
        }
        return sb.toString();
    }
}
