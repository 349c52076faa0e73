package io.imageguard.registry.index.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic pHash-64 values drawn like real ones. Real pHashes of unrelated photos are close to
 * uniform (balanced bits, mean distance ~32), but related photos (another shot of the same product,
 * a crop of the same photo) sit much closer, and that low tail is what fills an index's buckets. So
 * a hash is either new, from a {@link ChowLiuHashModel} fitted on real hashes, or, with the
 * probability real groups show, a relative of an earlier hash: that hash with as many random bits
 * flipped as one real relative differs from its group's first photo (drawn from the empirical
 * list).
 */
final class RealisticHashes {
    private final ChowLiuHashModel model;
    private final int[] relativeDistances;
    private final double relativeFraction;

    private RealisticHashes(
            ChowLiuHashModel model, int[] relativeDistances, double relativeFraction) {
        this.model = model;
        this.relativeDistances = relativeDistances;
        this.relativeFraction = relativeFraction;
    }

    static RealisticHashes fit(List<SeedHashes.Seed> seeds) {
        long[] all = seeds.stream().mapToLong(SeedHashes.Seed::hash).toArray();
        Map<Integer, Long> firstOfGroup = new HashMap<>();
        List<Integer> distances = new ArrayList<>();
        for (SeedHashes.Seed s : seeds) {
            Long first = firstOfGroup.putIfAbsent(s.group(), s.hash());
            if (first != null) {
                distances.add(Long.bitCount(first ^ s.hash()));
            }
        }
        return new RealisticHashes(
                ChowLiuHashModel.fit(all),
                distances.stream().mapToInt(Integer::intValue).toArray(),
                (double) distances.size() / seeds.size());
    }

    /** A new hash; {@code earlier[0..count)} are the hashes it may be a relative of. */
    long next(long[] earlier, int count, SplittableRandom random) {
        if (count > 0 && random.nextDouble() < relativeFraction) {
            long parent = earlier[random.nextInt(count)];
            return RegistryIndexBenchmark.flip(
                    parent, relativeDistances[random.nextInt(relativeDistances.length)], random);
        }
        return model.sample(random);
    }

    long[] generate(int n, SplittableRandom random) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = next(out, i, random);
        }
        return out;
    }

    ChowLiuHashModel model() {
        return model;
    }

    String describe() {
        int[] hist = new int[65];
        for (int d : relativeDistances) {
            hist[d]++;
        }
        int[] sorted = relativeDistances.clone();
        java.util.Arrays.sort(sorted);
        return String.format(
                java.util.Locale.ROOT,
                "relatives: %.0f%% of hashes; distance to their group's first photo: min %d, p10 %d, median %d, p90 %d",
                100 * relativeFraction,
                sorted[0],
                sorted[sorted.length / 10],
                sorted[sorted.length / 2],
                sorted[sorted.length * 9 / 10]);
    }
}
