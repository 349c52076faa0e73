package io.imageguard.registry.bench;

import io.imageguard.config.ConfigSource;
import io.imageguard.config.ImageguardConfig;
import io.imageguard.match.PhotoHash;
import io.imageguard.match.PhotoMatcher;
import io.imageguard.pipeline.FlinkSettings;
import io.imageguard.records.FirstPublishRecord;
import io.imageguard.registry.EarliestMatchProcessFunction;
import io.imageguard.registry.ListingPhoto;
import io.imageguard.registry.RegistryAnswer;
import io.imageguard.registry.RegistryBootstrap;
import io.imageguard.registry.RegistryHash;
import io.imageguard.registry.RegistryProbe;
import io.imageguard.registry.RegistryProbesFunction;
import io.imageguard.registry.RegistryShardProcessFunction;
import io.imageguard.registry.index.MihLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

/**
 * The first-publish registry at scale through the real operators (a benchmark program, not a test;
 * docs/benchmarks.md, "Registry at scale"). Per size N: N photos with realistic multi-view hashes
 * ({@link MultiViewHashModel}, planted near-duplicates included, {@link ScaleWorkload}) are written
 * as a savepoint by {@link RegistryBootstrap} (timed); then L lookups stream through a MiniCluster
 * job restored from it on RocksDB — registry-probes → registry-shards → registry-earliest-match —
 * and a brute-force scan over all registered views gives the exact answer for a sample of them and
 * the in-memory scan speed to compare with.
 *
 * <p>Options: {@code --sizes 100000,1000000,10000000 --lookups 10000 --radius R (default:
 * registry.candidate-radius) --region-radius R (default: registry.region-candidate-radius, or R
 * when --radius is given) --verify T (default: registry.verify-threshold) --recall-sample 1000
 * --parallelism 2 --dir target/registry-scale --photos DIR (Debian photos for the seeds) --products
 * 1000 --keep-savepoints}.
 */
public final class RegistryScaleBenchmark {
    private RegistryScaleBenchmark() {}

    /** Per shard-lookup timings from inside the registry operator: shard, time, CPU ns, wall ns. */
    static final ConcurrentLinkedQueue<long[]> TIMINGS = new ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws Exception {
        // the State Processor API's writer thread dies silently on a failure: say why
        Thread.setDefaultUncaughtExceptionHandler(
                (thread, e) -> {
                    System.err.println("uncaught in " + thread.getName());
                    e.printStackTrace();
                });
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--keep-savepoints")) {
                opt.put("keep-savepoints", "true");
            } else {
                opt.put(args[i].substring(2), args[++i]);
            }
        }
        ConfigSource source = ConfigSource.defaults();
        Map<String, String> keys =
                Map.of(
                        "radius", "candidate-radius",
                        "region-radius", "region-candidate-radius",
                        "verify", "verify-threshold");
        for (Map.Entry<String, String> key : keys.entrySet()) {
            if (opt.containsKey(key.getKey())) {
                source = source.with("registry." + key.getValue(), opt.get(key.getKey()));
            }
        }
        if (opt.containsKey("radius") && !opt.containsKey("region-radius")) {
            source = source.with("registry.region-candidate-radius", opt.get("radius"));
        }
        ImageguardConfig cfg = ImageguardConfig.load(source);
        int radius = cfg.registry().candidateRadius();
        Path dir = Path.of(opt.getOrDefault("dir", "target/registry-scale"));
        Path photos = opt.containsKey("photos") ? Path.of(opt.get("photos")) : null;
        int products = Integer.parseInt(opt.getOrDefault("products", "1000"));
        int lookups = Integer.parseInt(opt.getOrDefault("lookups", "10000"));
        int recallSample = Integer.parseInt(opt.getOrDefault("recall-sample", "1000"));
        int parallelism = Integer.parseInt(opt.getOrDefault("parallelism", "2"));
        boolean keep = opt.containsKey("keep-savepoints");

        long t = System.nanoTime();
        List<MultiViewSeeds.Seed> seeds =
                MultiViewSeeds.load(dir.resolve("seed-photohashes.txt"), photos, products);
        MultiViewHashModel model = MultiViewHashModel.fit(seeds);
        System.out.printf(
                Locale.ROOT,
                "seeds: %d real multi-view hashes (%d painted, %d Debian photos and crops),"
                        + " relative fraction %.2f; %.0f s%n",
                seeds.size(),
                seeds.stream().filter(s -> s.source().equals("painted")).count(),
                seeds.stream().filter(s -> !s.source().equals("painted")).count(),
                model.relativeFraction(),
                (System.nanoTime() - t) / 1e9);
        ModelCheck.print(seeds, model, radius);
        System.out.printf(
                Locale.ROOT,
                "radius %d (region views %d), verify threshold %d (region views %d), shards %d,"
                        + " max parallelism %d, parallelism %d, state backend %s, JVM max heap"
                        + " %d MB, %d CPUs%n",
                radius,
                cfg.registry().regionCandidateRadius(),
                cfg.registry().verifyThreshold(),
                cfg.registry().regionVerifyThreshold(),
                cfg.registry().shards(),
                cfg.maxParallelism(),
                parallelism,
                cfg.state().backend(),
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());

        List<String> rows = new ArrayList<>();
        for (String size : opt.getOrDefault("sizes", "100000,1000000,10000000").split(",")) {
            long n = Long.parseLong(size.trim());
            rows.add(runSize(cfg, model, n, radius, lookups, recallSample, parallelism, dir, keep));
            System.out.println();
            System.out.println(HEADER);
            rows.forEach(System.out::println);
            System.out.println();
        }
    }

    static final String HEADER =
            "| N photos | views | bootstrap s (wall / CPU) | savepoint B/view | restore+rebuild s"
                    + " | lookups/s/core (shard op CPU) | job lookups/s/core (all CPU) | p50 / p99 µs"
                    + " CPU per lookup | p99 µs wall per shard | probes/lookup | candidates/lookup"
                    + " | hot spots | scan lookups/s/core | × scan | recall |\n"
                    + "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---:"
                    + " | ---: | ---: | ---: | --- |";

    private static String runSize(
            ImageguardConfig cfg,
            MultiViewHashModel model,
            long n,
            int radius,
            int lookups,
            int recallSample,
            int parallelism,
            Path dir,
            boolean keep)
            throws Exception {
        int shards = cfg.registry().shards();
        ScaleWorkload work = new ScaleWorkload(model, n, radius);
        Path savepoint = dir.resolve("savepoint-" + n);
        deleteRecursively(savepoint);
        System.out.printf(Locale.ROOT, "== N = %,d: bootstrap%n", n);

        // 1. bootstrap
        long cpu0 = processCpu();
        long wall0 = System.nanoTime();
        RegistryBootstrap bootstrap = new RegistryBootstrap(cfg);
        StreamExecutionEnvironment benv = bootstrap.environment();
        benv.setParallelism(parallelism);
        DataStream<ListingPhoto> registry =
                benv.fromSequence(0, n - 1)
                        .map(new RegisteredPhotos(work), TypeInformation.of(ListingPhoto.class))
                        .name("generate registered photos");
        bootstrap.write(benv, registry, savepoint);
        double bootstrapWall = (System.nanoTime() - wall0) / 1e9;
        double bootstrapCpu = (processCpu() - cpu0) / 1e9;
        long savepointBytes = bytes(savepoint);
        System.out.printf(
                Locale.ROOT,
                "bootstrap: %.1f s wall, %.1f s CPU, savepoint %,d bytes%n",
                bootstrapWall,
                bootstrapCpu,
                savepointBytes);

        // 2. brute-force data: every registered view, in publish order; exact copies collapse
        long[] views = new long[Math.toIntExact(8 * n + 8L * lookups)];
        long stored = 0;
        for (long i = 0; i < n; i++) {
            long[] keys = work.registered(i).storeKeys();
            System.arraycopy(keys, 0, views, (int) (8 * i), 8);
            if (work.kind(i) != ScaleWorkload.Kind.EXACT_COPY) {
                stored++;
            }
        }
        List<ListingPhoto> queries = new ArrayList<>(lookups);
        List<long[]> probeKeys = new ArrayList<>(lookups);
        List<int[]> probeRadii = new ArrayList<>(lookups);
        PhotoMatcher matcher = cfg.registry().matcher();
        int probeKeyCount = 0;
        int regionKeyCount = 0;
        int withRegion = 0;
        Set<Long> regionLookupTimes = new HashSet<>();
        for (int k = 0; k < lookups; k++) {
            ListingPhoto q = work.lookupPhoto(k);
            queries.add(q);
            RegistryHash parsed = RegistryHash.parse(q.hash());
            long[] keys = parsed.probeKeys();
            probeKeys.add(keys);
            probeRadii.add(parsed.probeRadii(matcher));
            probeKeyCount += keys.length;
            int region = 0;
            for (String v : PhotoHash.REGION_VIEWS) {
                region += work.lookup(k).hash().indexHash(v) != null ? 2 : 0;
            }
            regionKeyCount += region;
            withRegion += region > 0 ? 1 : 0;
            if (region > 0) {
                regionLookupTimes.add(q.eventTime().toEpochMilli());
            }
            System.arraycopy(work.lookup(k).storeKeys(), 0, views, (int) (8 * n + 8L * k), 8);
        }

        // 3. lookups through the real operators, restored from the savepoint on RocksDB
        System.out.printf(Locale.ROOT, "== N = %,d: %,d lookups%n", n, lookups);
        TIMINGS.clear();
        BenchMetrics.clear();
        Configuration conf = FlinkSettings.of(cfg, false);
        FlinkSettings.restoringFrom(conf, savepoint);
        conf.setString("metrics.reporter.bench.factory.class", BenchMetrics.class.getName());
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(512));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        SingleOutputStreamOperator<FirstPublishRecord> decided =
                env.fromData(queries, TypeInformation.of(ListingPhoto.class))
                        .setParallelism(1)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<ListingPhoto>forMonotonousTimestamps()
                                        .withTimestampAssigner(
                                                (p, ts) -> p.eventTime().toEpochMilli()))
                        .setParallelism(1)
                        .flatMap(
                                new RegistryProbesFunction(shards),
                                TypeInformation.of(RegistryProbe.class))
                        .uid("registry-probes")
                        .keyBy(RegistryProbe::shard, Types.INT)
                        .process(
                                new TimedShard(
                                        new RegistryShardProcessFunction(
                                                shards,
                                                cfg.registry().phash64Radius(),
                                                radius,
                                                cfg.registry().regionCandidateRadius(),
                                                cfg.registry().verifyThreshold(),
                                                cfg.registry().regionVerifyThreshold(),
                                                cfg.registry().maxMatchesPerLookup())),
                                TypeInformation.of(RegistryAnswer.class))
                        .uid("registry-shards")
                        .keyBy(RegistryAnswer::photoKey, Types.STRING)
                        .process(
                                new EarliestMatchProcessFunction(cfg.policyVersion()),
                                TypeInformation.of(FirstPublishRecord.class))
                        .uid("registry-earliest-match");
        DataStream<String> answers =
                decided.map(r -> r.imageId() + " -", Types.STRING)
                        .union(
                                decided.getSideOutput(EarliestMatchProcessFunction.CANDIDATES)
                                        .map(
                                                c ->
                                                        c.suspect().imageId()
                                                                + " "
                                                                + c.owner().imageId(),
                                                Types.STRING));
        Map<String, String> owners = new HashMap<>();
        double[] metrics = {0, 0, 0};
        cpu0 = processCpu();
        wall0 = System.nanoTime();
        try (CloseableIterator<String> it = answers.executeAndCollect("registry at scale " + n)) {
            while (it.hasNext()) {
                String[] f = it.next().split(" ");
                owners.put(f[0], f[1]);
                if (owners.size() == lookups) {
                    // every lookup answered; the metrics go when the job ends, so read them now
                    metrics = operatorMetrics();
                }
            }
        }
        double jobWall = (System.nanoTime() - wall0) / 1e9;
        double jobCpu = (processCpu() - cpu0) / 1e9;

        // per lookup: CPU summed over its shards; the first lookup of each shard rebuilt the index
        Map<Long, long[]> perLookup = new HashMap<>();
        List<Long> shardWall = new ArrayList<>();
        double rebuildWall = 0;
        Set<Long> seenShard = new HashSet<>();
        List<long[]> timings = new ArrayList<>(TIMINGS);
        timings.sort((a, b) -> Long.compare(a[1], b[1]));
        for (long[] tm : timings) {
            if (seenShard.add(tm[0])) {
                rebuildWall += tm[3] / 1e9;
                continue;
            }
            perLookup.computeIfAbsent(tm[1], x -> new long[1])[0] += tm[2];
            shardWall.add(tm[3]);
        }
        long[] cpuPerLookup = perLookup.values().stream().mapToLong(a -> a[0]).sorted().toArray();
        long cpuTotal = Arrays.stream(cpuPerLookup).sum();
        long[] wallSorted = shardWall.stream().mapToLong(Long::longValue).sorted().toArray();
        double lookupsPerCoreSecond = cpuPerLookup.length / (cpuTotal / 1e9);
        double candidatesPerLookup = metrics[0] / Math.max(1, metrics[1]) * shards;
        long hotSpots = (long) metrics[2];
        long viewsPerShard = 8 * stored / shards;
        MihLayout layout = MihLayout.choose(viewsPerShard, radius);
        double probesPerLookup = 0;
        for (int[] radii : probeRadii) {
            for (int r : radii) {
                probesPerLookup += probesPerKey(layout, r);
            }
        }
        probesPerLookup = probesPerLookup / lookups * shards;
        System.out.printf(
                Locale.ROOT,
                "lookups with photo-region views: %d of %d (%.1f%%), %.2f region probe keys and"
                        + " %.2f probe keys per lookup%n",
                withRegion,
                lookups,
                100.0 * withRegion / lookups,
                (double) regionKeyCount / lookups,
                (double) probeKeyCount / lookups);
        // CPU per lookup (all shards) apart for lookups with and without photo-region views
        for (boolean region : new boolean[] {false, true}) {
            long[] cpu =
                    perLookup.entrySet().stream()
                            .filter(e -> regionLookupTimes.contains(e.getKey()) == region)
                            .mapToLong(e -> e.getValue()[0])
                            .sorted()
                            .toArray();
            double probes = 0;
            int count = 0;
            for (int k = 0; k < lookups; k++) {
                if (regionLookupTimes.contains(queries.get(k).eventTime().toEpochMilli())
                        == region) {
                    for (int r : probeRadii.get(k)) {
                        probes += probesPerKey(layout, r);
                    }
                    count++;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "lookups %s photo-region views: %d timed, CPU per lookup mean %,.0f µs, p50"
                            + " %,.0f µs, p99 %,.0f µs; probes per lookup %,.0f%n",
                    region ? "with" : "without",
                    cpu.length,
                    Arrays.stream(cpu).average().orElse(0) / 1e3,
                    pct(cpu, 0.5) / 1e3,
                    pct(cpu, 0.99) / 1e3,
                    probes / Math.max(1, count) * shards);
        }
        System.out.printf(
                Locale.ROOT,
                "job: %.1f s wall, %.1f s CPU (restore, rebuild, lookups); index rebuild"
                        + " (first lookup per shard) %.1f s wall summed over shards; layout %s"
                        + " at %,d views per shard%n",
                jobWall,
                jobCpu,
                rebuildWall,
                layout,
                viewsPerShard);

        // 4. brute force: the exact answer for a sample, and the scan's speed
        int sample = Math.min(recallSample, lookups);
        int agree = 0;
        int expectedMatches = 0;
        int plantedFound = 0;
        int plantedWithin = 0;
        List<String> misses = new ArrayList<>();
        for (int k = 0; k < sample; k++) {
            // every (lookups/sample)-th pair of lookups: copies and new photos alike
            int kk = (int) ((long) (k / 2) * lookups / (sample / 2 + 1)) / 2 * 2 + k % 2;
            String expected = bruteForceOwner(work, views, n, kk, probeKeys, probeRadii, matcher);
            String actual = owners.get(queries.get(kk).imageId());
            if (expected.equals(actual)) {
                agree++;
            } else if (misses.size() < 5) {
                misses.add("q" + kk + ": expected " + expected + ", got " + actual);
            }
            if (!expected.equals("-")) {
                expectedMatches++;
            }
            if (work.copied(kk) >= 0 && work.copyDistance(kk) <= radius) {
                plantedWithin++;
                if (!"-".equals(actual)) {
                    plantedFound++;
                }
            }
        }
        double scanPerLookup = scanSeconds(views, (int) (8 * n), probeKeys, probeRadii);
        double scanLookupsPerSecond = 1 / scanPerLookup;
        System.out.printf(
                Locale.ROOT,
                "recall: %d/%d sampled lookups answered as brute force (%d with a match;"
                        + " planted copies within the radius flagged: %d/%d)%s%n",
                agree,
                sample,
                expectedMatches,
                plantedFound,
                plantedWithin,
                misses.isEmpty() ? "" : " " + misses);
        System.out.printf(
                Locale.ROOT,
                "scan: %.1f ms per lookup (%d probe keys × %,d views)%n",
                scanPerLookup * 1e3,
                probeKeyCount / lookups,
                8 * n);
        if (!keep) {
            deleteRecursively(savepoint);
        }
        return String.format(
                Locale.ROOT,
                "| %,d | %,d | %.0f / %.0f | %.1f | %.1f | %,.1f | %,.1f | %,.0f / %,.0f | %,.0f"
                        + " | %,.0f | %,.0f | %d | %,.1f | %.2f | %s |",
                n,
                8 * stored,
                bootstrapWall,
                bootstrapCpu,
                (double) savepointBytes / (8 * stored),
                rebuildWall,
                lookupsPerCoreSecond,
                lookups / jobCpu,
                pct(cpuPerLookup, 0.5) / 1e3,
                pct(cpuPerLookup, 0.99) / 1e3,
                pct(wallSorted, 0.99) / 1e3,
                probesPerLookup,
                candidatesPerLookup,
                hotSpots,
                scanLookupsPerSecond,
                lookupsPerCoreSecond / scanLookupsPerSecond,
                agree == sample ? "100% (" + sample + ")" : agree + "/" + sample);
    }

    /**
     * Candidates summed over the sampled shard lookups, how many were sampled, and hot spots: the
     * operator's own histogram keeps its last 1000 lookups per subtask.
     */
    private static double[] operatorMetrics() {
        double candidates = 0;
        long samples = 0;
        for (Histogram h : BenchMetrics.CANDIDATES) {
            HistogramStatistics s = h.getStatistics();
            candidates += s.getMean() * s.size();
            samples += s.size();
        }
        long hotSpots = BenchMetrics.HOT_SPOTS.stream().mapToLong(Counter::getCount).sum();
        return new double[] {candidates, samples, hotSpots};
    }

    /**
     * The owner brute force finds for lookup {@code k}: the earliest registered photo or earlier
     * lookup with a view within the radius of one of its probe keys that the matcher verifies; "-"
     * for none.
     */
    private static String bruteForceOwner(
            ScaleWorkload work,
            long[] views,
            long n,
            int k,
            List<long[]> probeKeys,
            List<int[]> probeRadii,
            PhotoMatcher matcher) {
        long[] keys = probeKeys.get(k);
        int[] radii = probeRadii.get(k);
        int end = (int) (8 * n + 8L * k);
        PhotoHash query = work.lookup(k).hash();
        for (int v = 0; v < end; v += 8) {
            boolean candidate = false;
            for (int i = v; i < v + 8 && !candidate; i++) {
                for (int j = 0; j < keys.length; j++) {
                    if (Long.bitCount(views[i] ^ keys[j]) <= radii[j]) {
                        candidate = true;
                        break;
                    }
                }
            }
            if (!candidate) {
                continue;
            }
            long photo = v / 8;
            PhotoHash stored =
                    photo < n
                            ? work.registered(photo).hash()
                            : work.lookup((int) (photo - n)).hash();
            if (matcher.compare(stored, query).match()) {
                return photo < n ? "L-" + photo + "/1" : "Q-" + (photo - n) + "/1";
            }
        }
        return "-";
    }

    /** CPU seconds per lookup of the in-memory scan: every probe key against every view. */
    private static double scanSeconds(
            long[] views, int count, List<long[]> probeKeys, List<int[]> probeRadii) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long start = bean.getCurrentThreadCpuTime();
        long found = 0;
        int done = 0;
        long budget = Duration.ofSeconds(3).toNanos();
        while (bean.getCurrentThreadCpuTime() - start < budget || done < 3) {
            long[] keys = probeKeys.get(done % probeKeys.size());
            int[] radii = probeRadii.get(done % probeKeys.size());
            for (int j = 0; j < keys.length; j++) {
                long key = keys[j];
                int r = radii[j];
                for (int i = 0; i < count; i++) {
                    if (Long.bitCount(views[i] ^ key) <= r) {
                        found++;
                    }
                }
            }
            done++;
        }
        if (found < 0) {
            System.out.println(found); // keeps the loop from being optimised away
        }
        return (bean.getCurrentThreadCpuTime() - start) / 1e9 / done;
    }

    /** Bucket look-ups of one probe key in a multi-index of this layout (MihLayout's rule). */
    static double probesPerKey(MihLayout layout, int radius) {
        int m = layout.tables();
        int b = layout.bits();
        double probes = 0;
        for (int t = 0; t < m; t++) {
            int q = radius / m;
            int rt = t <= radius % m ? q : q - 1;
            double c = 1;
            for (int k = 0; k <= Math.min(rt, b); k++) {
                probes += c;
                c = c * (b - k) / (k + 1);
            }
        }
        return probes;
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0
                ? 0
                : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long bytes(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }

    private static final class RegisteredPhotos implements MapFunction<Long, ListingPhoto> {
        private final ScaleWorkload work;

        RegisteredPhotos(ScaleWorkload work) {
            this.work = work;
        }

        @Override
        public ListingPhoto map(Long i) {
            return work.registeredPhoto(i);
        }
    }

    /**
     * The registry operator, unchanged, with each timer call (one lookup in one shard: every lookup
     * has its own event time) timed in thread CPU and wall time.
     */
    private static final class TimedShard
            extends KeyedProcessFunction<Integer, RegistryProbe, RegistryAnswer> {
        private final RegistryShardProcessFunction inner;
        private transient ThreadMXBean bean;

        TimedShard(RegistryShardProcessFunction inner) {
            this.inner = inner;
        }

        @Override
        public void open(OpenContext openContext) throws Exception {
            inner.setRuntimeContext(getRuntimeContext());
            inner.open(openContext);
            bean = ManagementFactory.getThreadMXBean();
        }

        @Override
        public void close() throws Exception {
            inner.close();
        }

        @Override
        public void processElement(RegistryProbe probe, Context ctx, Collector<RegistryAnswer> out)
                throws Exception {
            inner.processElement(probe, ctx, out);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<RegistryAnswer> out)
                throws Exception {
            long cpu = bean.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            inner.onTimer(timestamp, ctx, out);
            TIMINGS.add(
                    new long[] {
                        ctx.getCurrentKey(),
                        timestamp,
                        bean.getCurrentThreadCpuTime() - cpu,
                        System.nanoTime() - wall
                    });
        }
    }
}
