package io.imageguard.registry;

import io.imageguard.ingest.PhotoHasher;
import java.util.regex.Pattern;

/** The hash forms the registry indexes: today {@code phash64:<16 hex digits>}. */
public final class PhotoHashes {
    private static final Pattern PHASH64 = Pattern.compile(PhotoHasher.ALGORITHM + ":[0-9a-f]{16}");

    private PhotoHashes() {}

    public static boolean isIndexable(String hashText) {
        return hashText != null && PHASH64.matcher(hashText).matches();
    }

    /** The 64 bits of an indexable hash text. */
    public static long bits(String hashText) {
        if (!isIndexable(hashText)) {
            throw new IllegalArgumentException("not an indexable hash: " + hashText);
        }
        return Long.parseUnsignedLong(hashText.substring(hashText.indexOf(':') + 1), 16);
    }

    /** The registry shard that stores a hash: equal hashes share a shard, so they collapse. */
    public static int homeShard(long bits, int shards) {
        return Math.floorMod(Long.hashCode(bits * 0x9E3779B97F4A7C15L), shards);
    }
}
