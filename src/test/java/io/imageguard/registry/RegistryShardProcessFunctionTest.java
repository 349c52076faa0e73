package io.imageguard.registry;

import static io.imageguard.registry.RegistryTestData.DRESS;
import static io.imageguard.registry.RegistryTestData.MAR_01;
import static io.imageguard.registry.RegistryTestData.MAR_02;
import static io.imageguard.registry.RegistryTestData.MAR_03;
import static io.imageguard.registry.RegistryTestData.flipped;
import static io.imageguard.registry.RegistryTestData.photo;
import static io.imageguard.registry.RegistryTestData.viewsText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One registry shard (radius 13), driven by watermarks. */
class RegistryShardProcessFunctionTest {
    private KeyedOneInputStreamOperatorTestHarness<Integer, RegistryProbe, RegistryAnswer> harness;

    private static KeyedOneInputStreamOperatorTestHarness<Integer, RegistryProbe, RegistryAnswer>
            newHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new RegistryShardProcessFunction(1, 13, 16, 73, 73, 1000)),
                RegistryProbe::shard,
                Types.INT);
    }

    @BeforeEach
    void setUp() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void probe(ListingPhoto p, boolean home) throws Exception {
        harness.processElement(
                new StreamRecord<>(new RegistryProbe(p, 0, home), p.eventTime().toEpochMilli()));
    }

    private List<RegistryAnswer> answers() {
        return harness.extractOutputValues();
    }

    @Test
    void laterPhotoWithinTheRadiusIsAnsweredWithTheEarlierOne() throws Exception {
        probe(photo("e1", MAR_01, "S-1", "L-1", DRESS), true);
        probe(photo("e2", MAR_02, "S-9", "L-9", flipped(DRESS, 13)), true);
        harness.processWatermark(MAR_02.toEpochMilli());

        assertThat(answers()).hasSize(2);
        assertThat(answers().get(0).match()).isNull();
        RegistryAnswer copy = answers().get(1);
        assertThat(copy.photo().sellerId()).isEqualTo("S-9");
        assertThat(copy.match().sellerId()).isEqualTo("S-1");
        assertThat(copy.distance()).isEqualTo(13);
        assertThat(copy.correctionNotice()).isFalse();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void photoJustBeyondTheRadiusIsNotANearDuplicate() throws Exception {
        probe(photo("e1", MAR_01, "S-1", "L-1", DRESS), true);
        probe(photo("e2", MAR_02, "S-9", "L-9", flipped(DRESS, 14)), true);
        harness.processWatermark(MAR_02.toEpochMilli());

        assertThat(answers()).extracting(RegistryAnswer::match).containsOnlyNulls();
    }

    @Test
    void aShardStoresOnlyItsHomePhotos() throws Exception {
        probe(photo("e1", MAR_01, "S-1", "L-1", DRESS), false);
        probe(photo("e2", MAR_02, "S-9", "L-9", DRESS), true);
        harness.processWatermark(MAR_02.toEpochMilli());

        assertThat(answers()).extracting(RegistryAnswer::match).containsOnlyNulls();
    }

    @Test
    void copyArrivingBeforeItsOriginalWithinTheBoundIsStillAnsweredWithIt() throws Exception {
        probe(photo("e2", MAR_02, "S-9", "L-9", flipped(DRESS, 2)), true);
        probe(photo("e1", MAR_01, "S-1", "L-1", DRESS), true);
        harness.processWatermark(MAR_02.toEpochMilli());

        assertThat(answers())
                .extracting(
                        a -> a.photo().sellerId(),
                        a -> a.match() == null ? null : a.match().sellerId())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("S-1", null),
                        org.assertj.core.groups.Tuple.tuple("S-9", "S-1"));
    }

    @Test
    void lateEarlierPhotoSendsCorrectionNoticesToTheLaterOnes() throws Exception {
        probe(photo("e2", MAR_02, "S-9", "L-9", flipped(DRESS, 1)), true);
        probe(photo("e3", MAR_03, "S-5", "L-5", flipped(DRESS, 3)), true);
        harness.processWatermark(MAR_03.toEpochMilli());
        probe(photo("e1", MAR_01, "S-1", "L-1", DRESS), true); // beyond the bound

        List<RegistryAnswer> late = answers().subList(2, answers().size());
        assertThat(late.get(0).photo().sellerId()).isEqualTo("S-1");
        assertThat(late.get(0).match()).isNull();
        assertThat(late.get(0).laterMatches()).isTrue();
        assertThat(late.subList(1, late.size()))
                .extracting(
                        a -> a.photo().sellerId(),
                        a -> a.match().sellerId(),
                        RegistryAnswer::distance,
                        RegistryAnswer::correctionNotice)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("S-9", "S-1", 1, true),
                        org.assertj.core.groups.Tuple.tuple("S-5", "S-1", 3, true));
    }

    @Test
    void restoredShardRebuildsItsIndexFromState() throws Exception {
        probe(photo("e1", MAR_01, "S-1", "L-1", DRESS), true);
        harness.processWatermark(MAR_01.toEpochMilli());
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        probe(photo("e2", MAR_02, "S-9", "L-9", flipped(DRESS, 5)), true);
        harness.processWatermark(MAR_02.toEpochMilli());

        assertThat(answers()).hasSize(1);
        assertThat(answers().get(0).match().sellerId()).isEqualTo("S-1");
    }

    /**
     * Candidate radius 10, photo-region views 14; thresholds 47 / 84. The registered photo's views:
     * w = 0 (256 bits all zero), t = all ones. Each lookup's w and t lie 30-34 bits from both (the
     * 64-bit mirror mask has 30 bits set), so only the view under test can be a candidate; lookups
     * are not stored, so they only meet the registered photo.
     */
    @Test
    void regionViewsAreProbedWithinTheirOwnRadius() throws Exception {
        harness.close();
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new RegistryShardProcessFunction(1, 13, 10, 14, 47, 84, 1000)),
                        RegistryProbe::shard,
                        Types.INT);
        harness.open();
        long[] none = {0, 0, 0, 0};
        long[] all = {-1L, -1L, -1L, -1L};
        long[] sixty = {0, 0, 0, 0x0FFF_FFFF_FFFF_FFFFL}; // 60 bits from none
        long farW = 0x0000_0000_FFFF_FFFFL;
        long farT = 0xFFFF_FFFF_0000_0000L;
        long fourteen = 0x3FFFL; // 14 bits from w
        long fifteen = 0x7FFFL;
        // rt's 256 bits whose mirror image is `sixty`: the mirror mask applied to `sixty`
        long[] mask =
                io.imageguard.match.PhotoHash.fromText(
                                io.imageguard.match.HashText.parse(
                                        viewsText("t", 0L, none, "rt", 0L, none)))
                        .verifyHash("rt", true);
        long[] mirroredSixty = new long[4];
        for (int k = 0; k < 4; k++) {
            mirroredSixty[k] = sixty[k] ^ mask[k];
        }
        probe(photo("e1", MAR_01, "S-1", "L-1", viewsText("w", 0L, none, "t", -1L, all)), true);
        // r 14 bits away: found by the region probe at 14, verified 60 <= 84
        probe(
                photo(
                        "e2",
                        MAR_02,
                        "S-2",
                        "L-2",
                        viewsText("w", farW, none, "t", farT, none, "r", fourteen, sixty)),
                false);
        // w 14 bits away: beyond the whole view's radius 10, although it would verify (0 <= 47)
        probe(
                photo("e3", MAR_02, "S-3", "L-3", viewsText("w", fourteen, none, "t", farT, none)),
                false);
        // r 15 bits away: beyond the region radius
        probe(
                photo(
                        "e4",
                        MAR_02,
                        "S-4",
                        "L-4",
                        viewsText("w", farW, none, "t", farT, none, "r", fifteen, sixty)),
                false);
        // rt mirrored, its mirror image 14 bits away: the region radius holds for mirror probes
        probe(
                photo(
                        "e5",
                        MAR_03,
                        "S-5",
                        "L-5",
                        viewsText(
                                "w",
                                farW,
                                none,
                                "t",
                                farT,
                                none,
                                "rt",
                                fourteen ^ io.imageguard.match.PhotoHash.MIRROR_MASK_64,
                                mirroredSixty)),
                false);
        harness.processWatermark(MAR_03.toEpochMilli());

        assertThat(answers())
                .extracting(
                        a -> a.photo().sellerId(),
                        a -> a.match() == null ? null : a.match().sellerId(),
                        RegistryAnswer::distance,
                        RegistryAnswer::threshold)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("S-1", null, 0, 0),
                        org.assertj.core.groups.Tuple.tuple("S-2", "S-1", 60, 84),
                        org.assertj.core.groups.Tuple.tuple("S-3", null, 0, 0),
                        org.assertj.core.groups.Tuple.tuple("S-4", null, 0, 0),
                        org.assertj.core.groups.Tuple.tuple("S-5", "S-1", 60, 84));
    }
}
