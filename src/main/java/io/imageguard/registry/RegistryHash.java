package io.imageguard.registry;

import io.imageguard.match.HashText;
import io.imageguard.match.PhotoHash;
import io.imageguard.match.PhotoMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A photo's hash as the registry uses it. Two families, never compared with each other: the
 * multi-view hash of {@link PhotoMatcher} ({@code dct64-<view>:…,dct256-<view>:…}, what ingest
 * produces), and a single {@code phash64:<16 hex digits>} that events may carry.
 *
 * <ul>
 *   <li>multi-view: stored under its index views' 64-bit hashes, looked up with its query views and
 *       their mirror images within the candidate radius (the photo-region views within their own,
 *       {@link #probeRadii}); candidates are verified on the 256-bit hashes ({@link
 *       PhotoMatcher#compare}), and the verification distance is the evidence;
 *   <li>phash64: stored and looked up under its 64 bits; within the radius is a match.
 * </ul>
 */
public final class RegistryHash {
    private static final Pattern PHASH64 = Pattern.compile("phash64:[0-9a-f]{16}");

    /** {@link HashCodec}'s binary form: what state holds, and what "the same hash" compares. */
    private final byte[] binary;

    private final PhotoHash views;
    private final long phash;

    private RegistryHash(byte[] binary, PhotoHash views, long phash) {
        this.binary = binary;
        this.views = views;
        this.phash = phash;
    }

    public static boolean isIndexable(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * @throws IllegalArgumentException when the text is neither form
     */
    public static RegistryHash parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no hash");
        }
        if (PHASH64.matcher(text).matches()) {
            return new RegistryHash(
                    HashCodec.encode(text),
                    null,
                    Long.parseUnsignedLong(text.substring(text.indexOf(':') + 1), 16));
        }
        HashText items = HashText.parse(text);
        return new RegistryHash(HashCodec.encode(items), PhotoHash.fromText(items), 0);
    }

    /**
     * The hash a registry entry holds, from its binary form without going through text: this runs
     * for every candidate a lookup verifies and for every entry when an index is rebuilt.
     */
    static RegistryHash fromState(byte[] binary) {
        HashText items = HashCodec.items(binary);
        HashText.Item first = items.items().get(0);
        if (items.items().size() == 1 && first.algorithm().equals("phash64")) {
            return new RegistryHash(binary, null, first.words()[0]);
        }
        return new RegistryHash(binary, PhotoHash.fromText(items), 0);
    }

    /** The binary form registry state holds. */
    byte[] binary() {
        return binary.clone();
    }

    /** 0 for multi-view hashes, 1 for phash64: each family has its own index. */
    public int family() {
        return views == null ? 1 : 0;
    }

    /** The 64-bit keys the photo is stored under. */
    public long[] storeKeys() {
        if (views == null) {
            return new long[] {phash};
        }
        List<Long> keys = new ArrayList<>();
        for (String view : PhotoHash.INDEX_VIEWS) {
            Long h = views.indexHash(view);
            if (h != null) {
                keys.add(h);
            }
        }
        return keys.stream().mapToLong(Long::longValue).toArray();
    }

    /** The 256-bit hashes of the views {@link #storeKeys()} names, in the same order. */
    public long[][] storeVerify() {
        List<long[]> out = new ArrayList<>();
        for (String view : PhotoHash.INDEX_VIEWS) {
            if (views.indexHash(view) != null) {
                out.add(views.verifyHash(view, false));
            }
        }
        return out.toArray(new long[0][]);
    }

    /**
     * The 256-bit hashes of the views (and mirror images) {@link #probeKeys()} names, in the same
     * order: what a candidate found by that probe is verified against.
     */
    public long[][] probeVerify() {
        List<long[]> out = new ArrayList<>();
        for (String view : PhotoHash.QUERY_VIEWS) {
            if (views.indexHash(view) != null) {
                out.add(views.verifyHash(view, false));
                if (PhotoHash.mirrored(view)) {
                    out.add(views.verifyHash(view, true));
                }
            }
        }
        return out.toArray(new long[0][]);
    }

    /**
     * The verification threshold of each probe {@link #probeKeys()} names, in the same order: that
     * of the probe's query view under {@code matcher}.
     */
    public int[] probeThresholds(PhotoMatcher matcher) {
        List<Integer> out = new ArrayList<>();
        for (String view : PhotoHash.QUERY_VIEWS) {
            if (views.indexHash(view) != null) {
                out.add(matcher.thresholdFor(view));
                if (PhotoHash.mirrored(view)) {
                    out.add(matcher.thresholdFor(view));
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The candidate radius of each probe {@link #probeKeys()} names, in the same order: that of the
     * probe's query view under {@code matcher} (photo-region views may search wider).
     */
    public int[] probeRadii(PhotoMatcher matcher) {
        List<Integer> out = new ArrayList<>();
        for (String view : PhotoHash.QUERY_VIEWS) {
            if (views.indexHash(view) != null) {
                out.add(matcher.radiusFor(view));
                if (PhotoHash.mirrored(view)) {
                    out.add(matcher.radiusFor(view));
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The 64-bit keys a lookup probes: query views and the mirror images of those that are tried
     * mirrored ({@link PhotoHash#mirrored}).
     */
    public long[] probeKeys() {
        if (views == null) {
            return new long[] {phash};
        }
        List<Long> keys = new ArrayList<>();
        for (String view : PhotoHash.QUERY_VIEWS) {
            Long h = views.indexHash(view);
            if (h != null) {
                keys.add(h);
                if (PhotoHash.mirrored(view)) {
                    keys.add(h ^ PhotoHash.MIRROR_MASK_64);
                }
            }
        }
        return keys.stream().mapToLong(Long::longValue).toArray();
    }

    /** Bits that choose the shard storing the photo: equal hashes share a shard. */
    public long homeBits() {
        return views == null ? phash : views.indexHash("w");
    }

    public boolean sameAs(RegistryHash other) {
        return java.util.Arrays.equals(binary, other.binary);
    }

    /** The outcome of checking {@code query} against this registered hash. */
    public record Match(boolean match, int distance, int threshold) {}

    /**
     * @param phashDistance the 64-bit distance the index reported (phash64 only)
     */
    public Match check(
            RegistryHash query, int phashDistance, int phashRadius, PhotoMatcher matcher) {
        if (views == null) {
            return new Match(phashDistance <= phashRadius, phashDistance, phashRadius);
        }
        PhotoMatcher.Comparison c = matcher.compare(views, query.views);
        return new Match(c.match(), c.verifyDistance(), c.verifyThreshold());
    }

    public static int homeShard(long bits, int shards) {
        return Math.floorMod(Long.hashCode(bits * 0x9E3779B97F4A7C15L), shards);
    }
}
