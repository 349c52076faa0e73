package io.imageguard.match;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The text form of a photo's hashes, as events carry it in {@code hash} and {@code imageguard hash}
 * prints it: one or more {@code <algorithm>:<hex>} items separated by commas, e.g. {@code
 * dct64-t:8f3a0c1e55d2b907,dct64-c80:...}. The algorithm is lowercase letters, digits and {@code
 * -}; the hex is lowercase (upper case accepted on input), a whole number of bytes. Algorithms are
 * unique within one text.
 */
public record HashText(List<Item> items) {
    private static final Pattern ALGORITHM = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern HEX = Pattern.compile("([0-9a-fA-F]{2}){1,128}");
    private static final HexFormat HEX_FORMAT = HexFormat.of();

    /** One hash: the algorithm (with its view) and its bits, most significant first. */
    public record Item(String algorithm, byte[] bytes) {
        public Item {
            if (!ALGORITHM.matcher(algorithm).matches()) {
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
            String alg = part.substring(0, colon);
            String hex = part.substring(colon + 1);
            if (!HEX.matcher(hex).matches()) {
                throw new IllegalArgumentException("bad hex in hash item: " + part);
            }
            items.add(new Item(alg, HEX_FORMAT.parseHex(hex.toLowerCase(Locale.ROOT))));
        }
        return new HashText(items);
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
