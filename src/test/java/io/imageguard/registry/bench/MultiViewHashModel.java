package io.imageguard.registry.bench;

import io.imageguard.match.HashText;
import io.imageguard.match.PhotoHash;
import io.imageguard.registry.index.bench.ChowLiuHashModel;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic multi-view hashes ({@code dct64-<view>:…,dct256-<view>:…}) drawn like real ones, for
 * registries of millions of photos from a few thousand real {@link MultiViewSeeds}.
 *
 * <p>A DCT hash bit is the sign of one low-frequency coefficient, in the same frequency order for
 * the 64- and the 256-bit hash, so the 64-bit hash's bits are (up to rounding) the first 64 bits of
 * the 256-bit one, and a left-right mirror is a fixed sign flip. A new photo is a real seed photo
 * with a consistent sign flip applied to every view:
 *
 * <ul>
 *   <li>its whole view's 64-bit hash is drawn from a Chow–Liu tree fitted on the seeds' whole views
 *       (bit biases and strongest pairwise dependencies of real hashes);
 *   <li>the flip {@code m = seed.w64 ⊕ drawn} is applied to every view's 64-bit hash and to the
 *       first 64 bits of every 256-bit hash; the other 192 bits get one random flip shared by all
 *       views. So every view-to-view difference inside a photo, and every 64-to-256-bit agreement,
 *       is exactly a real photo's;
 *   <li>with the probability the seeds show (second shots and crops), a photo is a relative of an
 *       earlier one: its seed's sibling (another shot of the product, or the crop) under the
 *       earlier photo's flip, so the two are as far apart, view by view, as two real relatives.
 * </ul>
 *
 * Copies (planted near-duplicates) are a photo with {@code d} bits flipped in every 64-bit view
 * hash and {@code 4d} in every 256-bit one (the same {@code d} in its first 64 bits), sometimes
 * mirrored (views mirrored, left and right strips swapped).
 */
final class MultiViewHashModel implements Serializable {
    private static final long serialVersionUID = 1L;

    static final String[] VIEWS = {
        "w", "t", "c90", "c80", "sl", "sr", "st", "sb", "r", "rt", "wp3", "wm3", "tp3", "tm3"
    };
    static final int INDEXED = 8; // the first 8 of VIEWS are PhotoHash.INDEX_VIEWS

    /** A view's mirror image is its partner's mirrored: left/right strips, +3°/−3° turns. */
    private static final int[] MIRROR_PARTNER = {0, 1, 2, 3, 5, 4, 6, 7, 8, 9, 11, 10, 13, 12};

    static final long MIRROR64 = PhotoHash.MIRROR_MASK_64;
    static final long[] MIRROR256 = mirrorMask256();

    private final long[][] idx; // [seed][view]
    private final long[][] ver; // [seed][view * 4 + word]
    private final boolean[][] has; // [seed][view]
    private final int[] sibling; // [seed]: another seed of its group, or -1
    private final ChowLiuHashModel whole;
    private final double relativeFraction;

    private MultiViewHashModel(
            long[][] idx,
            long[][] ver,
            boolean[][] has,
            int[] sibling,
            ChowLiuHashModel whole,
            double relativeFraction) {
        this.idx = idx;
        this.ver = ver;
        this.has = has;
        this.sibling = sibling;
        this.whole = whole;
        this.relativeFraction = relativeFraction;
    }

    static MultiViewHashModel fit(List<MultiViewSeeds.Seed> seeds) {
        int n = seeds.size();
        long[][] idx = new long[n][VIEWS.length];
        long[][] ver = new long[n][VIEWS.length * 4];
        boolean[][] has = new boolean[n][VIEWS.length];
        int[] sibling = new int[n];
        Map<Integer, List<Integer>> groups = new HashMap<>();
        long[] wholes = new long[n];
        for (int s = 0; s < n; s++) {
            MultiViewSeeds.Seed seed = seeds.get(s);
            HashText text = seed.hash().toText();
            for (int v = 0; v < VIEWS.length; v++) {
                Long h = seed.hash().indexHash(VIEWS[v]);
                if (h != null) {
                    has[s][v] = true;
                    idx[s][v] = h;
                    System.arraycopy(text.get("dct256-" + VIEWS[v]).words(), 0, ver[s], v * 4, 4);
                }
            }
            wholes[s] = idx[s][0];
            groups.computeIfAbsent(seed.group(), g -> new ArrayList<>()).add(s);
        }
        int relatives = 0;
        for (List<Integer> g : groups.values()) {
            for (int i = 0; i < g.size(); i++) {
                sibling[g.get(i)] = g.size() > 1 ? g.get((i + 1) % g.size()) : -1;
            }
            relatives += g.size() - 1;
        }
        return new MultiViewHashModel(
                idx, ver, has, sibling, ChowLiuHashModel.fit(wholes), (double) relatives / n);
    }

    double relativeFraction() {
        return relativeFraction;
    }

    int seeds() {
        return idx.length;
    }

    /** A photo's hashes, view by view ({@link #VIEWS} order). */
    static final class Photo {
        final int seed; // which seed, and the flip: what a relative of this photo reuses
        final long flip64;
        final long[] flip256;
        final boolean[] has;
        final long[] idx;
        final long[] ver;

        Photo(int seed, long flip64, long[] flip256, boolean[] has, long[] idx, long[] ver) {
            this.seed = seed;
            this.flip64 = flip64;
            this.flip256 = flip256;
            this.has = has;
            this.idx = idx;
            this.ver = ver;
        }

        /** The hash text, canonical (as {@link PhotoHash#toText()} writes it). */
        String text() {
            StringBuilder sb = new StringBuilder(1100);
            for (int v = 0; v < VIEWS.length; v++) {
                if (has[v]) {
                    sb.append(sb.length() == 0 ? "" : ",").append("dct64-").append(VIEWS[v]);
                    sb.append(':').append(hex(idx[v]));
                }
            }
            for (int v = 0; v < VIEWS.length; v++) {
                if (has[v]) {
                    sb.append(",dct256-").append(VIEWS[v]).append(':');
                    for (int k = 0; k < 4; k++) {
                        sb.append(hex(ver[v * 4 + k]));
                    }
                }
            }
            return sb.toString();
        }

        PhotoHash hash() {
            return PhotoHash.fromText(HashText.parse(text()));
        }

        /** The 64-bit hashes the registry stores the photo under (its indexed views). */
        long[] storeKeys() {
            long[] keys = new long[INDEXED];
            for (int v = 0; v < INDEXED; v++) {
                keys[v] = idx[v];
            }
            return keys;
        }

        /** A copy {@code d} bits away in every 64-bit view, {@code 4d} in every 256-bit one. */
        Photo copy(int d, boolean mirror, SplittableRandom rnd) {
            long e64 = flipBits(0L, d, 64, rnd);
            long[] e256 = {e64, 0, 0, 0};
            for (int k = 0; k < 3 * d; ) {
                int bit = rnd.nextInt(192);
                long m = 1L << (bit & 63);
                if ((e256[1 + bit / 64] & m) == 0) {
                    e256[1 + bit / 64] |= m;
                    k++;
                }
            }
            boolean[] h = has.clone();
            long[] i = new long[idx.length];
            long[] w = new long[ver.length];
            for (int v = 0; v < VIEWS.length; v++) {
                int from = mirror ? MIRROR_PARTNER[v] : v;
                h[v] = has[from];
                i[v] = idx[from] ^ e64 ^ (mirror ? MIRROR64 : 0);
                for (int k = 0; k < 4; k++) {
                    w[v * 4 + k] = ver[from * 4 + k] ^ e256[k] ^ (mirror ? MIRROR256[k] : 0);
                }
            }
            return new Photo(seed, flip64, flip256, h, i, w);
        }
    }

    /** A new photo drawn from the model; {@code random} decides everything. */
    Photo fresh(SplittableRandom random) {
        int s = random.nextInt(idx.length);
        long drawn = whole.sample(random);
        long flip64 = idx[s][0] ^ drawn;
        long[] flip256 = {flip64, random.nextLong(), random.nextLong(), random.nextLong()};
        return apply(s, flip64, flip256);
    }

    /** Another shot (or a crop) of {@code earlier}'s subject, or a fresh photo if it has none. */
    Photo relative(Photo earlier, SplittableRandom random) {
        int s = sibling[earlier.seed];
        return s < 0 ? fresh(random) : apply(s, earlier.flip64, earlier.flip256);
    }

    boolean drawRelative(SplittableRandom random) {
        return random.nextDouble() < relativeFraction;
    }

    private Photo apply(int s, long flip64, long[] flip256) {
        long[] i = new long[VIEWS.length];
        long[] w = new long[VIEWS.length * 4];
        for (int v = 0; v < VIEWS.length; v++) {
            if (has[s][v]) {
                i[v] = idx[s][v] ^ flip64;
                for (int k = 0; k < 4; k++) {
                    w[v * 4 + k] = ver[s][v * 4 + k] ^ flip256[k];
                }
            }
        }
        return new Photo(s, flip64, flip256, has[s].clone(), i, w);
    }

    static long flipBits(long h, int d, int width, SplittableRandom rnd) {
        long out = h;
        int flipped = 0;
        while (flipped < d) {
            long bit = 1L << rnd.nextInt(width);
            if (((out ^ h) & bit) == 0) {
                out ^= bit;
                flipped++;
            }
        }
        return out;
    }

    private static String hex(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }

    /** Bits of the 256-bit hash a left-right mirror flips: odd horizontal frequencies (DctHash). */
    private static long[] mirrorMask256() {
        long[] mask = new long[4];
        int i = 0;
        for (int s = 1; i < 256; s++) {
            for (int u = 0; u <= s && i < 256; u++) {
                if ((u & 1) == 1) {
                    mask[i >> 6] |= 1L << (63 - (i & 63));
                }
                i++;
            }
        }
        return mask;
    }
}
