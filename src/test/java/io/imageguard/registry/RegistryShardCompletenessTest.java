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
import org.junit.jupiter.params.provider.CsvSource;
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
        List<String> texts = new ArrayList<>();
        for (long h : hashes) {
            texts.add(String.format("phash64:%016x", h));
        }
        Map<String, String> answered =
                earliestMatches(
                        new RegistryShardProcessFunction(1, RADIUS, 16, 73, 73, 1_000_000), texts);
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

    /**
     * Photo {@code e<i>} (hash {@code texts[i]}, published at START + i s by its own seller) looked
     * up in one shard, in publish order: each photo's event id → its earliest match's, or null.
     */
    private static Map<String, String> earliestMatches(
            RegistryShardProcessFunction shard, List<String> texts) throws Exception {
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<Integer, RegistryProbe, RegistryAnswer>(
                        new KeyedProcessOperator<>(shard), RegistryProbe::shard, Types.INT);
        harness.open();
        for (int i = 0; i < texts.size(); i++) {
            ListingPhoto p =
                    new ListingPhoto(
                            "e" + i,
                            START.plusSeconds(i),
                            "S-" + i,
                            "L-" + i,
                            "L-" + i + "/1",
                            ImageRole.MAIN,
                            null,
                            texts.get(i),
                            null);
            harness.processElement(
                    new StreamRecord<>(
                            new RegistryProbe(p, 0, true), p.eventTime().toEpochMilli()));
        }
        harness.processWatermark(START.plusSeconds(texts.size()).toEpochMilli());
        Map<String, String> answered = new HashMap<>();
        for (RegistryAnswer a : harness.extractOutputValues()) {
            answered.put(a.photo().eventId(), a.match() == null ? null : a.match().eventId());
        }
        harness.close();
        return answered;
    }

    private static final int VIEW_RADIUS = 10;
    private static final int VERIFY = 60;
    private static final int REGION_VERIFY = 82;

    /** Registered under w, t, c90; looked up with w, t and the region view r (own threshold). */
    private static final String[] VIEWS = {"w", "t", "c90", "r"};

    /** A multi-view hash text: per view a 64-bit and a 256-bit hash. */
    private static String viewsText(long[] small, long[][] large) {
        StringBuilder sb = new StringBuilder();
        for (int v = 0; v < VIEWS.length; v++) {
            sb.append(String.format("dct64-%s:%016x,", VIEWS[v], small[v]));
        }
        for (int v = 0; v < VIEWS.length; v++) {
            sb.append("dct256-").append(VIEWS[v]).append(':');
            for (long w : large[v]) {
                sb.append(String.format("%016x", w));
            }
            sb.append(v + 1 < VIEWS.length ? "," : "");
        }
        return sb.toString();
    }

    /**
     * Multi-view photos: candidates come from the index at the view radius and are checked against
     * the in-memory 256-bit hashes before state is read. Planted copies sit inside and beyond both
     * the radius and the verification threshold, some mirrored; the shard must answer exactly what
     * {@link io.imageguard.match.PhotoMatcher} says comparing the new photo with every earlier one.
     */
    @ParameterizedTest(name = "seed {0}, region views at radius {1}")
    @CsvSource({"4, 10", "5, 10", "6, 14", "7, 16"})
    void multiViewLookupsEqualBruteForceWithTheMatcher(long seed, int regionRadius)
            throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> texts = new ArrayList<>();
        List<long[]> smalls = new ArrayList<>();
        List<long[][]> larges = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            long[] small = new long[VIEWS.length];
            long[][] large = new long[VIEWS.length][4];
            if (i > 0 && rnd.nextInt(3) == 0) {
                int of = rnd.nextInt(i);
                boolean mirror = rnd.nextInt(4) == 0;
                io.imageguard.match.PhotoHash base =
                        io.imageguard.match.PhotoHash.fromText(
                                io.imageguard.match.HashText.parse(texts.get(of)));
                int smallBits = rnd.nextInt(VIEW_RADIUS + 3);
                int largeBits = rnd.nextInt(REGION_VERIFY + 12);
                // a wider region radius: the region view's copy inside, on and beyond it too
                int regionBits =
                        regionRadius == VIEW_RADIUS ? smallBits : rnd.nextInt(regionRadius + 3);
                for (int v = 0; v < VIEWS.length; v++) {
                    // a copy's region view is near its original's whole view
                    boolean region = VIEWS[v].equals("r");
                    int from = region ? 0 : v;
                    long h = smalls.get(of)[from];
                    small[v] =
                            TestHashes.flip(
                                    mirror ? h ^ io.imageguard.match.PhotoHash.MIRROR_MASK_64 : h,
                                    region ? regionBits : smallBits,
                                    rnd);
                    long[] words = base.verifyHash(VIEWS[from], mirror);
                    // spread largeBits over the four words
                    for (int w = 0; w < 4; w++) {
                        large[v][w] = TestHashes.flip(words[w], largeBits / 4, rnd);
                    }
                }
            } else {
                for (int v = 0; v < VIEWS.length; v++) {
                    small[v] = rnd.nextLong();
                    for (int w = 0; w < 4; w++) {
                        large[v][w] = rnd.nextLong();
                    }
                }
            }
            smalls.add(small);
            larges.add(large);
            texts.add(viewsText(small, large));
        }
        Map<String, String> answered =
                earliestMatches(
                        new RegistryShardProcessFunction(
                                1,
                                RADIUS,
                                VIEW_RADIUS,
                                regionRadius,
                                VERIFY,
                                REGION_VERIFY,
                                1_000_000),
                        texts);

        io.imageguard.match.PhotoMatcher matcher =
                new io.imageguard.match.PhotoMatcher(
                        VIEW_RADIUS, regionRadius, VERIFY, REGION_VERIFY);
        List<io.imageguard.match.PhotoHash> parsed = new ArrayList<>();
        for (String t : texts) {
            parsed.add(
                    io.imageguard.match.PhotoHash.fromText(io.imageguard.match.HashText.parse(t)));
        }
        int withMatch = 0;
        int candidatesRefused = 0;
        int wideRegionMatches = 0;
        for (int i = 0; i < texts.size(); i++) {
            String expected = null;
            for (int j = 0; j < i; j++) {
                io.imageguard.match.PhotoMatcher.Comparison c =
                        matcher.compare(parsed.get(j), parsed.get(i));
                if (c.match()) {
                    expected = "e" + j;
                    long x =
                            parsed.get(j).indexHash(c.registeredView())
                                    ^ parsed.get(i).indexHash(c.queryView());
                    int d =
                            Long.bitCount(
                                    c.mirrored()
                                            ? x ^ io.imageguard.match.PhotoHash.MIRROR_MASK_64
                                            : x);
                    wideRegionMatches += d > VIEW_RADIUS ? 1 : 0;
                    break;
                }
                candidatesRefused += c.verified() ? 1 : 0;
            }
            assertThat(answered.get("e" + i)).as("photo e%d", i).isEqualTo(expected);
            withMatch += expected == null ? 0 : 1;
        }
        // both sides of the verification threshold were exercised
        assertThat(withMatch).isGreaterThan(100);
        assertThat(candidatesRefused).isGreaterThan(50);
        // and a wider region radius decided matches no whole-view probe could find
        if (regionRadius > VIEW_RADIUS) {
            assertThat(wideRegionMatches).isGreaterThan(10);
        } else {
            assertThat(wideRegionMatches).isZero();
        }
    }
}
