package io.imageguard.records;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Output ids derived from the inputs that caused them, so that a replayed input yields the same id
 * and consumers can de-duplicate. {@code kind-<128-bit SHA-256 prefix of the parts>}.
 */
public final class Ids {
    private Ids() {}

    public static String derive(String kind, String... parts) {
        MessageDigest sha = sha256();
        for (String part : parts) {
            sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            // a separator that cannot occur in the text keeps ("ab","c") apart from ("a","bc")
            sha.update((byte) 0);
        }
        byte[] digest = sha.digest();
        return kind + "-" + HexFormat.of().formatHex(digest, 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }
}
