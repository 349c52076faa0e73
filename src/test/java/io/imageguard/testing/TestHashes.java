package io.imageguard.testing;

import java.util.SplittableRandom;

/** 64-bit hashes for registry tests and benchmarks. */
public final class TestHashes {
    private TestHashes() {}

    /** {@code hash} with exactly {@code bits} distinct bits flipped at random. */
    public static long flip(long hash, int bits, SplittableRandom rnd) {
        long h = hash;
        int flipped = 0;
        while (flipped < bits) {
            long bit = 1L << rnd.nextInt(64);
            if ((h & bit) == (hash & bit)) {
                h ^= bit;
                flipped++;
            }
        }
        return h;
    }
}
