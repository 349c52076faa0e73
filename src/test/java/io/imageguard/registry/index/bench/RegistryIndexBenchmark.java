package io.imageguard.registry.index.bench;

import io.imageguard.registry.index.BruteForceHammingIndex;
import io.imageguard.registry.index.MihLayout;
import io.imageguard.registry.index.MultiIndexHammingIndex;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Registry index benchmark (docs/benchmarks.md, "Registry index"): exact Hamming-radius lookups in
 * {@link MultiIndexHammingIndex} against a brute-force {@code long[]} scan, one thread, on
 * registries of realistic pHash-64 values ({@link RealisticHashes}, fitted on real pHashes of
 * painted product photos and Debian-package photos, plus planted exact and near duplicates).
 *
 * <p>System properties: {@code bench.sizes} (default 100000,1000000,10000000), {@code bench.radii}
 * (4,6,8,10,12), {@code bench.queries} (lookups per size and radius, default 20000), {@code
 * bench.layouts} (extra fixed layouts to compare, e.g. {@code 3x21,4x16}), {@code bench.photos}
 * (directory of photos for seed hashes), {@code bench.cache} (seed-hash cache file).
 */
public final class RegistryIndexBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Per measured index of the current size: mean probes, candidates, CPU ns per lookup. */
    private static final List<double[]> FITS = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        long[] sizes =
                Arrays.stream(
                                System.getProperty("bench.sizes", "100000,1000000,10000000")
                                        .split(","))
                        .mapToLong(s -> (long) Double.parseDouble(s))
                        .toArray();
        int[] radii =
                Arrays.stream(System.getProperty("bench.radii", "4,6,8,10,12").split(","))
                        .mapToInt(Integer::parseInt)
                        .toArray();
        int queries = Integer.getInteger("bench.queries", 20000);
        String layouts = System.getProperty("bench.layouts", "");
        String photos = System.getProperty("bench.photos");
        Path cache =
                Path.of(System.getProperty("bench.cache", "target/registry-bench/seed-hashes.txt"));

        List<SeedHashes.Seed> seeds =
                SeedHashes.load(cache, photos == null ? null : Path.of(photos), 1500, 8);
        RealisticHashes model = RealisticHashes.fit(seeds);
        HashStats.compare(seeds, model, new SplittableRandom(1));

        for (long size : sizes) {
            runSize((int) size, radii, queries, layouts, model);
        }
    }

    private static void runSize(
            int n, int[] radii, int queries, String layouts, RealisticHashes model) {
        SplittableRandom random = new SplittableRandom(n);
        long[] registry = registry(n, model, random);
        BruteForceHammingIndex brute = new BruteForceHammingIndex();
        for (int i = 0; i < n; i++) {
            brute.add(registry[i], i);
        }
        System.out.printf(
                Locale.ROOT,
                "%n## registry %,d views (%,d distinct)%n",
                n,
                Arrays.stream(registry).distinct().count());
        System.out.println(
                "| N | r | index | layout | lookups/s/core | scan lookups/s/core | × scan | p50 µs | p99 µs | probes | candidates | hits | recall | index B/view | build s |");
        System.out.println(
                "| ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |");
        for (int radius : radii) {
            long[] q = queries(registry, radius, queries, model, random);
            double scanRate = scanRate(brute, q, radius, n);
            List<Object[]> configs = new ArrayList<>();
            configs.add(new Object[] {"auto", null});
            configs.add(new Object[] {"auto, 10% in delta", null});
            for (String l : layouts.split(",")) {
                if (!l.isBlank()) {
                    String[] f = l.trim().split("x");
                    configs.add(
                            new Object[] {
                                "fixed",
                                MihLayout.of(Integer.parseInt(f[0]), Integer.parseInt(f[1]))
                            });
                }
            }
            for (Object[] config : configs) {
                MihLayout fixed = (MihLayout) config[1];
                long buildStart = System.nanoTime();
                MultiIndexHammingIndex index =
                        fixed == null
                                ? new MultiIndexHammingIndex(radius)
                                : new MultiIndexHammingIndex(fixed);
                // "in delta": the last 10% added after compacting, as just before a live
                // operator's next rebuild (which comes when the delta reaches an eighth of the
                // sorted part).
                int compactAt = config[0].toString().contains("delta") ? n * 90 / 100 : n;
                for (int i = 0; i < compactAt; i++) {
                    index.add(registry[i], i);
                }
                index.compact();
                for (int i = compactAt; i < n; i++) {
                    index.add(registry[i], i);
                }
                double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
                measure(index, brute, q, radius, n, scanRate, buildSeconds, (String) config[0]);
            }
        }
        printFit(n);
    }

    /** Measures one index: a warm-up pass, then every query timed; recall on a sample. */
    private static void measure(
            MultiIndexHammingIndex index,
            BruteForceHammingIndex brute,
            long[] q,
            int radius,
            int n,
            double scanRate,
            double buildSeconds,
            String kind) {
        long[] sink = new long[1];
        HitCounter counter = new HitCounter();
        // Warm-up: at least a second of queries, so the JIT has compiled the query loop.
        long warmStart = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; THREADS.getCurrentThreadCpuTime() - warmStart < 1_000_000_000L; i++) {
            index.query(q[i % q.length], radius, counter);
        }
        long[] nanos = new long[q.length];
        long probes = 0;
        long candidates = 0;
        counter.hits = 0;
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < q.length; i++) {
            long t0 = System.nanoTime();
            index.query(q[i], radius, counter);
            nanos[i] = System.nanoTime() - t0;
            probes += index.lastProbes();
            candidates += index.lastCandidates();
        }
        double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
        sink[0] += counter.hits;
        Arrays.sort(nanos);
        // Recall against the scan on a sample: the same multiset of (id, distance) per query.
        int sample = Math.min(q.length, 400);
        long expected = 0;
        long found = 0;
        long mismatches = 0;
        for (int i = 0; i < sample; i++) {
            List<Long> a = new ArrayList<>();
            List<Long> b = new ArrayList<>();
            index.query(q[i], radius, (id, h, d) -> a.add(id * 65 + d));
            brute.query(q[i], radius, (id, h, d) -> b.add(id * 65 + d));
            a.sort(null);
            b.sort(null);
            expected += b.size();
            found += a.stream().filter(b::contains).count();
            mismatches += a.equals(b) ? 0 : 1;
        }
        double rate = q.length / cpuSeconds;
        FITS.add(
                new double[] {
                    (double) probes / q.length,
                    (double) candidates / q.length,
                    cpuSeconds * 1e9 / q.length
                });
        System.out.printf(
                Locale.ROOT,
                "| %,d | %d | MIH %s | %s | %,.0f | %,.0f | %.1f | %.1f | %.1f | %,.0f | %,.0f | %.2f | %s (%d/%d, %d queries differ of %d) | %.1f | %.1f |%n",
                n,
                radius,
                kind,
                index.layout(),
                rate,
                scanRate,
                rate / scanRate,
                nanos[nanos.length / 2] / 1e3,
                nanos[(int) (nanos.length * 0.99)] / 1e3,
                (double) probes / q.length,
                (double) candidates / q.length,
                (double) counter.hits / q.length,
                found == expected && mismatches == 0
                        ? "100%"
                        : String.format(
                                Locale.ROOT, "%.4f%%", 100.0 * found / Math.max(expected, 1)),
                found,
                expected,
                mismatches,
                sample,
                (double) index.memoryBytes() / n,
                buildSeconds);
    }

    /**
     * Least-squares fit of CPU ns per lookup = perProbe·probes + perCandidate·candidates over every
     * index measured at this size: the figures the 10^9 projection uses.
     */
    private static void printFit(int n) {
        // Normal equations of the two-parameter fit, solved by Cramer's rule.
        double pp = 0, pc = 0, cc = 0, py = 0, cy = 0;
        for (double[] f : FITS) {
            pp += f[0] * f[0];
            pc += f[0] * f[1];
            cc += f[1] * f[1];
            py += f[0] * f[2];
            cy += f[1] * f[2];
        }
        double det = pp * cc - pc * pc;
        System.out.printf(
                Locale.ROOT,
                "fit at N=%,d over %d indexes: CPU ns per lookup ≈ %.1f·probes + %.2f·candidates%n",
                n,
                FITS.size(),
                (py * cc - cy * pc) / det,
                (pp * cy - pc * py) / det);
        FITS.clear();
    }

    /** Scan lookups per CPU second: at least ~2 s of scanning, or every query. */
    private static double scanRate(BruteForceHammingIndex brute, long[] q, int radius, int n) {
        int warm = Math.max(2, 2_000_000 / n);
        long sink = 0;
        for (int i = 0; i < warm; i++) {
            sink += brute.count(q[i % q.length], radius);
        }
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        int done = 0;
        while (done < q.length
                && (THREADS.getCurrentThreadCpuTime() - cpu0 < 2_000_000_000L || done < 20)) {
            sink += brute.count(q[done], radius);
            done++;
        }
        double seconds = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
        if (sink == Long.MIN_VALUE) {
            System.out.println();
        }
        return done / seconds;
    }

    /**
     * n views: 95% new photos from the model (some of them relatives of earlier ones), 2% exact
     * duplicates of an earlier view (the same photo registered again), 3% near copies of an earlier
     * view at 1..12 bits (edited copies).
     */
    static long[] registry(int n, RealisticHashes model, SplittableRandom random) {
        long[] registry = new long[n];
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(100);
            if (i > 0 && kind < 2) {
                registry[i] = registry[random.nextInt(i)];
            } else if (i > 0 && kind < 5) {
                registry[i] = flip(registry[random.nextInt(i)], 1 + random.nextInt(12), random);
            } else {
                registry[i] = model.next(registry, i, random);
            }
        }
        return registry;
    }

    /**
     * Half new photos from the model (possibly relatives of registered ones: another seller's shot
     * of the same product), half copies of registered views at 0..radius+2 bits.
     */
    static long[] queries(
            long[] registry,
            int radius,
            int count,
            RealisticHashes model,
            SplittableRandom random) {
        long[] q = new long[count];
        for (int i = 0; i < count; i++) {
            q[i] =
                    i % 2 == 0
                            ? model.next(registry, registry.length, random)
                            : flip(
                                    registry[random.nextInt(registry.length)],
                                    random.nextInt(radius + 3),
                                    random);
        }
        return q;
    }

    static long flip(long hash, int bits, SplittableRandom random) {
        long f = 0;
        while (Long.bitCount(f) < bits) {
            f |= 1L << random.nextInt(64);
        }
        return hash ^ f;
    }

    private static final class HitCounter
            implements io.imageguard.registry.index.HammingIndex.HitConsumer {
        long hits;

        @Override
        public void hit(long id, long hash, int distance) {
            hits++;
        }
    }

    private RegistryIndexBenchmark() {}
}
