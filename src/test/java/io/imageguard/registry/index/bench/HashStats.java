package io.imageguard.registry.index.bench;

import io.imageguard.registry.index.MihLayout;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How much the synthetic hashes resemble the real ones, on the three things that set an index's
 * cost: bit balance, the pairwise distance distribution (its low tail is what lands in a probe's
 * bucket), and how often two hashes agree on a 21-bit substring within 0..3 bits (the collision
 * rate a 3×21 layout sees, against 2^-21 for uniform hashes).
 */
final class HashStats {
    private HashStats() {}

    static void compare(
            List<SeedHashes.Seed> seeds, RealisticHashes realistic, SplittableRandom random) {
        long[] real = seeds.stream().mapToLong(SeedHashes.Seed::hash).toArray();
        long[] painted =
                seeds.stream()
                        .filter(s -> s.source().equals("painted"))
                        .mapToLong(SeedHashes.Seed::hash)
                        .toArray();
        long[] photos =
                seeds.stream()
                        .filter(s -> !s.source().equals("painted"))
                        .mapToLong(SeedHashes.Seed::hash)
                        .toArray();
        long[] treeOnly = new long[real.length];
        for (int i = 0; i < treeOnly.length; i++) {
            treeOnly[i] = realistic.model().sample(random);
        }
        long[] synthetic = realistic.generate(real.length, random);
        long[] uniform = new long[real.length];
        for (int i = 0; i < uniform.length; i++) {
            uniform[i] = random.nextLong();
        }
        System.out.printf(
                Locale.ROOT,
                "# seed hashes: %d (%d painted product photos, %d photos and crops from Debian packages)%n",
                real.length,
                painted.length,
                photos.length);
        System.out.println(realistic.describe());
        System.out.println(
                "| set | n | mean abs(P(bit)−½) | bits outside [0.2, 0.8] | mean pair distance | pairs ≤4 | ≤8 | ≤12 | ≤16 | ≤20 | 3×21 substring within 0/1/2/3 bits (× uniform) |");
        System.out.println(
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        row("real, all", real);
        row("real, painted", painted);
        row("real, photos+crops", photos);
        row("synthetic, Chow–Liu tree only", treeOnly);
        row("synthetic, tree + relatives", synthetic);
        row(
                "benchmark registry (+2% exact, 3% near copies)",
                RegistryIndexBenchmark.registry(real.length, realistic, random));
        row("uniform random", uniform);
    }

    private static void row(String name, long[] h) {
        double balance = 0;
        int skewed = 0;
        for (int b = 0; b < 64; b++) {
            double p = 0;
            for (long x : h) {
                p += x >>> b & 1;
            }
            p /= h.length;
            balance += Math.abs(p - 0.5) / 64;
            skewed += p < 0.2 || p > 0.8 ? 1 : 0;
        }
        long[] within = new long[5];
        double sum = 0;
        long pairs = 0;
        MihLayout layout = MihLayout.of(3, 21);
        long[] sub = new long[4];
        for (int i = 0; i < h.length; i++) {
            for (int j = i + 1; j < h.length; j++) {
                long x = h[i] ^ h[j];
                int d = Long.bitCount(x);
                sum += d;
                pairs++;
                for (int k = 0; k < 5; k++) {
                    within[k] += d <= 4 * (k + 1) ? 1 : 0;
                }
                for (int t = 0; t < 3; t++) {
                    int sd = Long.bitCount(x & layout.mask(t));
                    for (int k = sd; k < 4; k++) {
                        sub[k]++;
                    }
                }
            }
        }
        StringBuilder subs = new StringBuilder();
        double cumUniform = 0;
        for (int k = 0; k < 4; k++) {
            cumUniform += binomial(21, k) / Math.pow(2, 21);
            double p = sub[k] / (3.0 * pairs);
            subs.append(
                    String.format(
                            Locale.ROOT, "%s%.1e (%.0f×)", k == 0 ? "" : " / ", p, p / cumUniform));
        }
        System.out.printf(
                Locale.ROOT,
                "| %s | %d | %.3f | %d | %.1f | %.1e | %.1e | %.1e | %.1e | %.1e | %s |%n",
                name,
                h.length,
                balance,
                skewed,
                sum / pairs,
                within[0] / (double) pairs,
                within[1] / (double) pairs,
                within[2] / (double) pairs,
                within[3] / (double) pairs,
                within[4] / (double) pairs,
                subs);
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 0; i < k; i++) {
            c = c * (n - i) / (i + 1);
        }
        return c;
    }
}
