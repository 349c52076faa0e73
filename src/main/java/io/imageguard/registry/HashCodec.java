package io.imageguard.registry;

import io.imageguard.match.HashText;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact binary form of a hash text for registry state: one byte naming the algorithm (a matcher
 * view's 64- or 256-bit hash or colour signature, or phash64), then its bits. A photo's ten views
 * take 14 × (1 + 8) + 14 × (1 + 32) + 10 × (1 + 18) = 778 bytes (the four turned views carry no
 * colour signature) where their text takes about 1,700. Codes are append-only: state written with
 * earlier codes stays readable.
 */
final class HashCodec {
    private static final List<String> VIEWS =
            List.of("w", "t", "c90", "c80", "sl", "sr", "st", "sb", "r", "rt");

    /** Added later: de-rotated query views, coded after everything above. */
    private static final List<String> TURNED_VIEWS = List.of("wp3", "wm3", "tp3", "tm3");

    private static final List<String> ALGORITHMS = new ArrayList<>();
    private static final List<Integer> LENGTHS = new ArrayList<>();

    static {
        for (String v : VIEWS) {
            ALGORITHMS.add("dct64-" + v);
            LENGTHS.add(8);
        }
        for (String v : VIEWS) {
            ALGORITHMS.add("dct256-" + v);
            LENGTHS.add(32);
        }
        ALGORITHMS.add("phash64");
        LENGTHS.add(8);
        for (String v : VIEWS) {
            ALGORITHMS.add("chroma-" + v);
            LENGTHS.add(18);
        }
        for (String v : TURNED_VIEWS) {
            ALGORITHMS.add("dct64-" + v);
            LENGTHS.add(8);
            ALGORITHMS.add("dct256-" + v);
            LENGTHS.add(32);
        }
    }

    private HashCodec() {}

    static byte[] encode(String hashText) {
        return encode(HashText.parse(hashText));
    }

    static byte[] encode(HashText hashText) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(768);
        for (HashText.Item item : hashText.items()) {
            int code = ALGORITHMS.indexOf(item.algorithm());
            if (code < 0 || item.bytes().length != LENGTHS.get(code)) {
                throw new IllegalArgumentException("not a registry hash item: " + item);
            }
            out.write(code);
            out.writeBytes(item.bytes());
        }
        return out.toByteArray();
    }

    static String decode(byte[] bytes) {
        return items(bytes).toString();
    }

    static HashText items(byte[] bytes) {
        List<HashText.Item> items = new ArrayList<>();
        int i = 0;
        while (i < bytes.length) {
            int code = bytes[i++];
            int length = LENGTHS.get(code);
            byte[] bits = new byte[length];
            System.arraycopy(bytes, i, bits, 0, length);
            i += length;
            items.add(new HashText.Item(ALGORITHMS.get(code), bits));
        }
        return new HashText(items);
    }
}
