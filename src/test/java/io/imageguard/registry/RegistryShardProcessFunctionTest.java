package io.imageguard.registry;

import static io.imageguard.registry.RegistryTestData.DRESS;
import static io.imageguard.registry.RegistryTestData.MAR_01;
import static io.imageguard.registry.RegistryTestData.MAR_02;
import static io.imageguard.registry.RegistryTestData.MAR_03;
import static io.imageguard.registry.RegistryTestData.flipped;
import static io.imageguard.registry.RegistryTestData.photo;
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
}
