package io.imageguard.registry.bench;

import io.imageguard.records.ImageRole;
import io.imageguard.registry.ListingPhoto;
import io.imageguard.registry.RegistryAnswer;
import io.imageguard.registry.RegistryProbe;
import io.imageguard.registry.RegistryShardProcessFunction;
import io.imageguard.testing.TestHashes;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * One registry shard, the real operator on RocksDB (not a test): a registry of N phash64 photos is
 * loaded through the operator, then L lookups stream through it, each flushed by a watermark.
 * Prints lookups/s, p50/p99 per lookup, matches found against brute force. Hashes: uniform random
 * 64-bit values with planted near-duplicates (every lookup is a copy of a registered photo at
 * 0..radius bits); realistic hash distributions are measured at the index level by
 * RegistryIndexBenchmark.
 *
 * <p>Usage: {@code RegistryOperatorBenchmark N LOOKUPS [RADIUS]}
 */
public final class RegistryOperatorBenchmark {
    private RegistryOperatorBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int lookups = Integer.parseInt(args[1]);
        int radius = args.length > 2 ? Integer.parseInt(args[2]) : 13;
        SplittableRandom rnd = new SplittableRandom(7);
        long[] registered = new long[n];
        for (int i = 0; i < n; i++) {
            registered[i] = rnd.nextLong();
        }
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<Integer, RegistryProbe, RegistryAnswer>(
                        new KeyedProcessOperator<>(
                                new RegistryShardProcessFunction(1, radius, 16, 73, 73, 1000)),
                        RegistryProbe::shard,
                        Types.INT);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend(true));
        harness.open();
        long t = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        long loadStart = System.nanoTime();
        for (int i = 0; i < n; i++) {
            send(harness, photo("r" + i, t + i, registered[i]), true);
            if (i % 1000 == 999) {
                harness.processWatermark(t + i);
                harness.getOutput().clear();
            }
        }
        harness.processWatermark(t + n);
        harness.getOutput().clear();
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

        long[] nanos = new long[lookups];
        int found = 0;
        for (int q = 0; q < lookups; q++) {
            int target = rnd.nextInt(n);
            long query = TestHashes.flip(registered[target], rnd.nextInt(radius + 1), rnd);
            long time = t + n + 1 + q;
            long start = System.nanoTime();
            send(harness, photo("q" + q, time, query), false);
            harness.processWatermark(time);
            nanos[q] = System.nanoTime() - start;
            for (Object o : harness.getOutput()) {
                if (o instanceof StreamRecord<?> r
                        && ((RegistryAnswer) r.getValue()).match() != null) {
                    found++;
                }
            }
            harness.getOutput().clear();
        }
        harness.close();
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double total = Arrays.stream(nanos).sum() / 1e9;
        System.out.printf(
                "registry %,d photos (loaded in %.1f s, %,.0f inserts/s), radius %d%n",
                n, loadSeconds, n / loadSeconds, radius);
        System.out.printf(
                "%,d lookups: %,.0f lookups/s, p50 %.1f µs, p99 %.1f µs; %d of %d planted copies"
                        + " found%n",
                lookups,
                lookups / total,
                sorted[lookups / 2] / 1e3,
                sorted[(int) (lookups * 0.99)] / 1e3,
                found,
                lookups);
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<Integer, RegistryProbe, RegistryAnswer> h,
            ListingPhoto p,
            boolean home)
            throws Exception {
        h.processElement(
                new StreamRecord<>(new RegistryProbe(p, 0, home), p.eventTime().toEpochMilli()));
    }

    private static ListingPhoto photo(String id, long time, long hash) {
        return new ListingPhoto(
                id,
                Instant.ofEpochMilli(time),
                "S-" + id,
                "L-" + id,
                "L-" + id + "/1",
                ImageRole.MAIN,
                null,
                String.format("phash64:%016x", hash),
                null);
    }
}
