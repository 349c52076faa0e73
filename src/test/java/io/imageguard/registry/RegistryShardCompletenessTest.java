package io.imageguard.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.imageguard.records.ImageRole;
import io.imageguard.testing.TestHashes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The registry shard against brute force: thousands of photos, with near-duplicates planted at
 * every distance up to the radius and just beyond; every lookup's earliest earlier match must be
 * exactly the one a scan over all earlier photos finds.
 */
class RegistryShardCompletenessTest {
    private static final int RADIUS = 13;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void earliestMatchOfEveryLookupEqualsBruteForce(long seed) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Long> hashes = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            if (i > 0 && rnd.nextInt(3) == 0) {
                // a copy of an earlier photo at 0..RADIUS+2 bits: inside, on and beyond the edge
                long base = hashes.get(rnd.nextInt(hashes.size()));
                hashes.add(TestHashes.flip(base, rnd.nextInt(RADIUS + 3), rnd));
            } else {
                hashes.add(rnd.nextLong());
            }
        }
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<Integer, RegistryProbe, RegistryAnswer>(
                        new KeyedProcessOperator<>(
                                new RegistryShardProcessFunction(1, RADIUS, 16, 73, 1_000_000)),
                        RegistryProbe::shard,
                        Types.INT);
        harness.open();
        List<ListingPhoto> photos = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            ListingPhoto p =
                    new ListingPhoto(
                            "e" + i,
                            START.plusSeconds(i),
                            "S-" + i,
                            "L-" + i,
                            "L-" + i + "/1",
                            ImageRole.MAIN,
                            null,
                            String.format("phash64:%016x", hashes.get(i)),
                            null);
            photos.add(p);
            harness.processElement(
                    new StreamRecord<>(
                            new RegistryProbe(p, 0, true), p.eventTime().toEpochMilli()));
        }
        harness.processWatermark(START.plusSeconds(hashes.size()).toEpochMilli());

        Map<String, String> answered = new HashMap<>();
        for (RegistryAnswer a : harness.extractOutputValues()) {
            answered.put(a.photo().eventId(), a.match() == null ? null : a.match().eventId());
        }
        harness.close();
        int withMatch = 0;
        for (int i = 0; i < hashes.size(); i++) {
            String expected = null;
            for (int j = 0; j < i; j++) {
                // the earliest earlier photo within the radius; equal hashes collapse onto the
                // earliest, which is also what a scan finds first
                if (Long.bitCount(hashes.get(i) ^ hashes.get(j)) <= RADIUS) {
                    expected = "e" + j;
                    break;
                }
            }
            assertThat(answered).containsKey("e" + i);
            assertThat(answered.get("e" + i)).as("photo e%d", i).isEqualTo(expected);
            withMatch += expected == null ? 0 : 1;
        }
        // the planted copies within the radius make the comparison meaningful
        assertThat(withMatch).isGreaterThan(600);
    }
}
