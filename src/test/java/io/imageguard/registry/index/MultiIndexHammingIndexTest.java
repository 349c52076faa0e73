package io.imageguard.registry.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MultiIndexHammingIndexTest {

    private record Hit(long id, long hash, int distance) {}

    static Stream<Arguments> indexes() {
        return Stream.of(
                Arguments.of("auto r=8", (IndexFactory) () -> new MultiIndexHammingIndex(8)),
                Arguments.of(
                        "auto r=4, tiny delta",
                        (IndexFactory) () -> new MultiIndexHammingIndex(4, null, 64)),
                Arguments.of(
                        "1x16/16",
                        (IndexFactory) () -> new MultiIndexHammingIndex(MihLayout.of(1, 16))),
                Arguments.of(
                        "3x12/36, tiny delta",
                        (IndexFactory)
                                () -> new MultiIndexHammingIndex(-1, MihLayout.of(3, 12), 100)),
                Arguments.of(
                        "4x16",
                        (IndexFactory) () -> new MultiIndexHammingIndex(MihLayout.of(4, 16))),
                Arguments.of(
                        "6x10/60",
                        (IndexFactory) () -> new MultiIndexHammingIndex(MihLayout.of(6, 10))),
                Arguments.of("brute force", (IndexFactory) BruteForceHammingIndex::new));
    }

    interface IndexFactory {
        HammingIndex create();
    }

    /**
     * Thousands of skewed hashes, and for each radius planted neighbours of registered hashes at
     * every distance 0..r+2; queries run while the index grows (delta and rebuilds included). Each
     * answer must equal a plain scan's, as a list (so duplicates of a hash come in add order).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("indexes")
    void findsExactlyWhatAScanFinds(String name, IndexFactory factory) {
        SplittableRandom random = new SplittableRandom(42);
        HammingIndex index = factory.create();
        List<long[]> registered = new ArrayList<>();
        long nextId = 0;
        // 14 and 16: the registry's photo-region probes may search wider than the index's design
        int[] radii = {0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 14, 16};
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 800; i++) {
                long hash =
                        i % 10 == 0 && !registered.isEmpty()
                                // an exact duplicate of an earlier photo, under a new id
                                ? registered.get(random.nextInt(registered.size()))[0]
                                : skewed(random);
                index.add(hash, nextId);
                registered.add(new long[] {hash, nextId++});
            }
            for (int radius : radii) {
                for (int q = 0; q < 30; q++) {
                    long base = registered.get(random.nextInt(registered.size()))[0];
                    int distance = q % (radius + 3);
                    long query = q < radius + 3 ? flip(base, distance, random) : skewed(random);
                    assertThat(answer(index, query, radius))
                            .as("radius %d, query %016x", radius, query)
                            .isEqualTo(scan(registered, query, radius));
                }
            }
        }
        // Neighbourhoods crowded with registered hashes at every distance from one centre.
        long centre = skewed(random);
        for (int d = 0; d <= 18; d++) {
            for (int c = 0; c < 5; c++) {
                long hash = flip(centre, d, random);
                index.add(hash, nextId);
                registered.add(new long[] {hash, nextId++});
            }
        }
        for (int radius : radii) {
            assertThat(answer(index, centre, radius)).isEqualTo(scan(registered, centre, radius));
        }
        assertThat(index.size()).isEqualTo(registered.size());
    }

    @Test
    void emptyIndexFindsNothing() {
        MultiIndexHammingIndex index = new MultiIndexHammingIndex(8);
        assertThat(answer(index, 0x0123456789abcdefL, 8)).isEmpty();
        assertThat(answer(index, 0L, 64)).isEmpty();
        assertThat(index.size()).isZero();
        assertThat(index.distinctHashes()).isZero();
    }

    @Test
    void duplicatesShareOneSlotAndComeBackInAddOrder() {
        MultiIndexHammingIndex index = new MultiIndexHammingIndex(8);
        long hash = 0xf0f0_0000_1234_5678L;
        index.add(hash, 7);
        index.add(hash ^ 1, 8);
        index.add(hash, 3);
        index.add(hash, 9);
        assertThat(index.size()).isEqualTo(4);
        assertThat(index.distinctHashes()).isEqualTo(2);
        assertThat(answer(index, hash, 0))
                .containsExactly(new Hit(7, hash, 0), new Hit(3, hash, 0), new Hit(9, hash, 0));
        index.compact();
        assertThat(answer(index, hash ^ 3, 1)).containsExactly(new Hit(8, hash ^ 1, 1));
        assertThat(answer(index, hash ^ 3, 2)).hasSize(4);
    }

    @Test
    void radiusZeroIsExactMatchAndRadius64IsEverything() {
        MultiIndexHammingIndex index = new MultiIndexHammingIndex(0);
        index.add(0L, 1);
        index.add(-1L, 2);
        index.add(1L, 3);
        assertThat(answer(index, 0L, 0)).containsExactly(new Hit(1, 0L, 0));
        assertThat(answer(index, 2L, 0)).isEmpty();
        assertThat(answer(index, 0L, 64)).hasSize(3).contains(new Hit(2, -1L, 64));
        assertThatThrownBy(() -> index.query(0L, 65, (i, h, d) -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsProbesAndCandidates() {
        MultiIndexHammingIndex index = new MultiIndexHammingIndex(MihLayout.of(2, 8));
        index.add(0L, 1);
        // radius 0 = 2·0 + 0: table 0 at radius 0 (1 probe), table 1 at −1 (not searched).
        index.query(0L, 0, (i, h, d) -> {});
        assertThat(index.lastProbes()).isEqualTo(1);
        assertThat(index.lastCandidates()).isEqualTo(1);
        // radius 1 = 2·0 + 1: both tables at radius 0.
        index.query(0L, 1, (i, h, d) -> {});
        assertThat(index.lastProbes()).isEqualTo(2);
        assertThat(index.lastCandidates()).isEqualTo(2);
        // radius 2 = 2·1 + 0: table 0 at radius 1 (1 + 8 probes), table 1 at radius 0 (1 probe).
        index.query(0L, 2, (i, h, d) -> {});
        assertThat(index.lastProbes()).isEqualTo(10);
        assertThat(index.lastCandidates()).isEqualTo(2);
    }

    private static List<Hit> answer(HammingIndex index, long query, int radius) {
        List<Hit> hits = new ArrayList<>();
        index.query(query, radius, (id, hash, d) -> hits.add(new Hit(id, hash, d)));
        // Order across hashes is the index's own; within one hash it is add order.
        hits.sort((a, b) -> Long.compareUnsigned(a.hash, b.hash));
        return hits;
    }

    private static List<Hit> scan(List<long[]> registered, long query, int radius) {
        List<Hit> hits = new ArrayList<>();
        for (long[] r : registered) {
            int d = Long.bitCount(r[0] ^ query);
            if (d <= radius) {
                hits.add(new Hit(r[1], r[0], d));
            }
        }
        hits.sort((a, b) -> Long.compareUnsigned(a.hash, b.hash));
        return hits;
    }

    /** Bits set with probabilities from 0.1 to 0.9 and neighbours copied: crowded buckets. */
    private static long skewed(SplittableRandom random) {
        long h = 0;
        for (int b = 0; b < 64; b++) {
            boolean bit =
                    b > 0 && random.nextInt(4) == 0
                            ? (h >>> (b - 1) & 1) != 0
                            : random.nextDouble() < 0.1 + 0.8 * b / 63.0;
            h |= bit ? 1L << b : 0;
        }
        return h;
    }

    /** {@code hash} with exactly {@code distance} distinct bits flipped. */
    private static long flip(long hash, int distance, SplittableRandom random) {
        long flipped = 0;
        while (Long.bitCount(flipped) < distance) {
            flipped |= 1L << random.nextInt(64);
        }
        return hash ^ flipped;
    }
}
