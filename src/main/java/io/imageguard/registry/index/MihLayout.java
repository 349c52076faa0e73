package io.imageguard.registry.index;

import java.util.Arrays;

/**
 * How a {@link MultiIndexHammingIndex} splits a 64-bit hash: {@code m} disjoint substrings
 * ("tables") of {@code b} bits each, table {@code t} taking bit positions {@code t, t+m, t+2m, …}
 * (interleaved, so bits that are neighbours in the hash, which pHash correlates, land in different
 * tables). When {@code m·b < 64} the top bits are in no table: the pigeonhole argument still holds
 * on the covered bits, which lets {@code b} follow the registry size independently of {@code m}.
 *
 * <p>{@link #choose} picks {@code (m, b)} for a registry size and the radius queries will mostly
 * use, from a cost model calibrated on this machine (docs/matching.md): probes (one directory read
 * each, usually a cache miss) and candidates (a popcount over a bucket, sequential).
 */
public final class MihLayout {
    /** A probe (directory read and bucket start, usually cache misses), measured at 10^6–10^7. */
    static final double PROBE_NS = 40;

    /** A candidate in the sorted part: sequential popcounts. */
    static final double SORTED_CANDIDATE_NS = 2;

    /** Largest substring: a directory of 2^b buckets × 2 ints per table. */
    static final int MAX_BITS = 24;

    /** Most tables: each one stores every distinct hash once more (8 bytes). */
    static final int MAX_TABLES = 6;

    private final int tables;
    private final int bits;
    private final long[] masks;

    /** Per table, 8 × 256 key fragments: key = OR over the hash's bytes of lut[t][256·p + byte]. */
    private final int[][] lut;

    private MihLayout(int tables, int bits) {
        if (tables < 1 || bits < 1 || tables * bits > 64 || bits > MAX_BITS) {
            throw new IllegalArgumentException("no layout of " + tables + " × " + bits + " bits");
        }
        this.tables = tables;
        this.bits = bits;
        this.masks = new long[tables];
        this.lut = new int[tables][8 * 256];
        for (int t = 0; t < tables; t++) {
            for (int i = 0; i < bits; i++) {
                int position = t + tables * i;
                masks[t] |= 1L << position;
                int byteIndex = position >>> 3;
                for (int v = 0; v < 256; v++) {
                    if ((v >>> (position & 7) & 1) != 0) {
                        lut[t][256 * byteIndex + v] |= 1 << i;
                    }
                }
            }
        }
    }

    /** {@code tables} substrings of {@code bits} bits each ({@code tables·bits ≤ 64}). */
    public static MihLayout of(int tables, int bits) {
        return new MihLayout(tables, bits);
    }

    /**
     * The cheapest layout by the cost model for {@code distinctHashes} hashes queried at {@code
     * radius}, assuming buckets filled evenly (real pHash fills them less evenly: the benchmark
     * measures the real cost).
     */
    public static MihLayout choose(long distinctHashes, int radius) {
        double n = Math.max(distinctHashes, 1);
        MihLayout best = null;
        double bestCost = Double.MAX_VALUE;
        for (int m = 1; m <= MAX_TABLES; m++) {
            // No more buckets than hashes: a larger directory costs memory (8 bytes a bucket per
            // table) and cache misses for few candidates saved.
            int maxBits =
                    Math.min(Math.min(64 / m, MAX_BITS), 64 - Long.numberOfLeadingZeros((long) n));
            for (int b = Math.min(8, maxBits); b <= maxBits; b++) {
                double probes = probes(m, b, radius);
                double cost = probes * PROBE_NS + probes * n / Math.pow(2, b) * candidateNs(n);
                if (cost < bestCost) {
                    bestCost = cost;
                    best = new MihLayout(m, b);
                }
            }
        }
        return best;
    }

    /**
     * A candidate on average: sorted ones cost {@link #SORTED_CANDIDATE_NS}, delta ones a cache
     * miss each (~10 ns while the index fits in L3, ~80 ns from DRAM), and a live index holds on
     * average a sixteenth of its hashes in the delta (rebuilt at an eighth). Coarse layouts put
     * many delta entries behind each probe: at 10^7, 4×16 at radius 10 ran 6× slower with a 10%
     * delta than compacted, 3×21 1.5×.
     */
    static double candidateNs(double n) {
        double missNs = n * 64 > 32e6 ? 80 : 10;
        return SORTED_CANDIDATE_NS + missNs / 16;
    }

    /** Probes a query of {@code radius} makes over {@code m} tables of {@code b} bits. */
    static double probes(int m, int b, int radius) {
        double probes = 0;
        for (int t = 0; t < m; t++) {
            int r = tableRadius(radius, m, t);
            for (int k = 0; k <= Math.min(r, b); k++) {
                probes += binomial(b, k);
            }
        }
        return probes;
    }

    /**
     * The radius table {@code t} is searched with so that every hash within {@code radius} is found
     * (Norouzi et al. 2014, Prop. 2): with {@code radius = m·q + a}, tables {@code 0..a} at {@code
     * q} and the rest at {@code q−1} (−1: not searched). If every table missed, the distance would
     * be at least {@code (a+1)(q+1) + (m−a−1)q = radius + 1}.
     */
    static int tableRadius(int radius, int m, int t) {
        int q = radius / m;
        return t <= radius % m ? q : q - 1;
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 0; i < k; i++) {
            c = c * (n - i) / (i + 1);
        }
        return c;
    }

    public int tables() {
        return tables;
    }

    public int bits() {
        return bits;
    }

    /** The hash bits table {@code t} uses. */
    public long mask(int t) {
        return masks[t];
    }

    /** Table {@code t}'s substring of {@code hash}, as a {@code b}-bit key. */
    int key(int t, long hash) {
        int[] l = lut[t];
        return l[(int) hash & 0xff]
                | l[256 + ((int) (hash >>> 8) & 0xff)]
                | l[512 + ((int) (hash >>> 16) & 0xff)]
                | l[768 + ((int) (hash >>> 24) & 0xff)]
                | l[1024 + ((int) (hash >>> 32) & 0xff)]
                | l[1280 + ((int) (hash >>> 40) & 0xff)]
                | l[1536 + ((int) (hash >>> 48) & 0xff)]
                | l[1792 + ((int) (hash >>> 56) & 0xff)];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MihLayout other && other.tables == tables && other.bits == bits;
    }

    @Override
    public int hashCode() {
        return 31 * tables + bits;
    }

    @Override
    public String toString() {
        return tables + "x" + bits + (tables * bits < 64 ? "/" + tables * bits : "");
    }

    /**
     * All b-bit values of weight ≤ r, by increasing weight (probe XOR masks); shared and cached,
     * callers must not modify the array.
     */
    static int[] flipMasks(int b, int r) {
        int top = Math.min(r, b);
        if (top < 0) {
            return new int[0];
        }
        return FLIPS.computeIfAbsent(new FlipKey(b, top), k -> enumerate(k.bits, k.radius));
    }

    private record FlipKey(int bits, int radius) {}

    private static final java.util.Map<FlipKey, int[]> FLIPS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static int[] enumerate(int b, int r) {
        int count = 0;
        for (int k = 0; k <= r; k++) {
            count += (int) binomial(b, k);
        }
        int[] out = new int[count];
        int n = 0;
        out[n++] = 0;
        for (int k = 1; k <= r; k++) {
            // Gosper's hack: the next larger integer with the same number of one bits.
            long v = (1L << k) - 1;
            while (v < (1L << b)) {
                out[n++] = (int) v;
                long c = v & -v;
                long s = v + c;
                v = (((v ^ s) >>> 2) / c) | s;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
