package io.imageguard.registry;

import static io.imageguard.registry.RegistryTestData.DRESS;
import static io.imageguard.registry.RegistryTestData.MAR_01;
import static io.imageguard.registry.RegistryTestData.MAR_02;
import static io.imageguard.registry.RegistryTestData.MAR_03;
import static io.imageguard.registry.RegistryTestData.photo;
import static org.assertj.core.api.Assertions.assertThat;

import io.imageguard.records.FirstPublishRecord;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-photo decision over the answers of two registry shards (radius 13). */
class EarliestMatchProcessFunctionTest {
    private static final ListingPhoto ORIGINAL = photo("e1", MAR_01, "S-1", "L-1", DRESS);
    private static final ListingPhoto OTHER = photo("e0", MAR_02, "S-2", "L-2", DRESS);
    private static final ListingPhoto COPY = photo("e3", MAR_03, "S-9", "L-9", DRESS);

    private KeyedOneInputStreamOperatorTestHarness<String, RegistryAnswer, FirstPublishRecord>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new EarliestMatchProcessFunction("p1")),
                        RegistryAnswer::photoKey,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void answer(ListingPhoto photo, ListingPhoto match, int distance, boolean later)
            throws Exception {
        harness.processElement(
                new StreamRecord<>(
                        new RegistryAnswer(photo, match, distance, 13, 2, later, false),
                        photo.eventTime().toEpochMilli()));
    }

    private List<TheftCandidate> candidates() {
        var out = harness.getSideOutput(EarliestMatchProcessFunction.CANDIDATES);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void photoWithoutEarlierNearDuplicateInAnyShardIsAFirstPublisher() throws Exception {
        answer(ORIGINAL, null, 0, false);
        assertThat(harness.extractOutputValues()).as("one shard has not answered yet").isEmpty();

        answer(ORIGINAL, null, 0, false);

        FirstPublishRecord r = harness.extractOutputValues().get(0);
        assertThat(r.sellerId()).isEqualTo("S-1");
        assertThat(r.imageId()).isEqualTo("L-1/1");
        assertThat(r.publishedAt()).isEqualTo(MAR_01);
        assertThat(r.hash()).isEqualTo(DRESS);
        assertThat(r.correction()).isFalse();
        assertThat(candidates()).isEmpty();
    }

    @Test
    void theEarliestNearDuplicateAcrossShardsIsTheOwner() throws Exception {
        answer(COPY, OTHER, 2, false);
        answer(COPY, ORIGINAL, 5, false);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(candidates()).hasSize(1);
        TheftCandidate c = candidates().get(0);
        assertThat(c.owner().sellerId()).isEqualTo("S-1");
        assertThat(c.suspect().sellerId()).isEqualTo("S-9");
        assertThat(c.distance()).isEqualTo(5);
        assertThat(c.threshold()).isEqualTo(13);
        assertThat(c.correction()).isFalse();
    }

    @Test
    void aSellersOwnEarlierPhotoIsNotTheft() throws Exception {
        ListingPhoto reuse = photo("e4", MAR_03, "S-1", "L-7", DRESS);
        answer(reuse, ORIGINAL, 0, false);
        answer(reuse, null, 0, false);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(candidates()).isEmpty();
    }

    @Test
    void updatingTheListingNeitherRegistersNorFlagsAgain() throws Exception {
        answer(ORIGINAL, null, 0, false);
        answer(ORIGINAL, null, 0, false);
        ListingPhoto update = photo("e1-update", MAR_02, "S-1", "L-1", DRESS);
        answer(update, ORIGINAL, 0, false);
        answer(update, null, 0, false);
        answer(COPY, ORIGINAL, 0, false);
        answer(COPY, null, 0, false);
        ListingPhoto copyUpdated = photo("e3-update", MAR_03, "S-9", "L-9", DRESS);
        answer(copyUpdated, ORIGINAL, 0, false);
        answer(copyUpdated, null, 0, false);

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(candidates()).hasSize(1);
    }

    @Test
    void lateTrueFirstPublisherGetsACorrectedRecordAndItsCopiesCorrectedFlags() throws Exception {
        // S-9's photo was first registered as its own, S-2's copy attributed to it
        answer(COPY, null, 0, false);
        answer(COPY, null, 0, false);
        ListingPhoto secondCopy = photo("e5", MAR_03.plusSeconds(60), "S-2", "L-3", DRESS);
        answer(secondCopy, COPY, 0, false);
        answer(secondCopy, null, 0, false);
        // then S-1's original arrives beyond the bound: a lookup answer and correction notices
        answer(ORIGINAL, null, 0, true);
        answer(ORIGINAL, null, 0, false);
        harness.processElement(
                new StreamRecord<>(
                        new RegistryAnswer(COPY, ORIGINAL, 0, 13, 2, false, true),
                        MAR_01.toEpochMilli()));
        harness.processElement(
                new StreamRecord<>(
                        new RegistryAnswer(secondCopy, ORIGINAL, 0, 13, 2, false, true),
                        MAR_01.toEpochMilli()));

        assertThat(harness.extractOutputValues())
                .extracting(FirstPublishRecord::sellerId, FirstPublishRecord::correction)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("S-9", false),
                        org.assertj.core.groups.Tuple.tuple("S-1", true));
        assertThat(candidates())
                .extracting(
                        c -> c.suspect().sellerId(),
                        c -> c.owner().sellerId(),
                        TheftCandidate::correction)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("S-2", "S-9", false),
                        org.assertj.core.groups.Tuple.tuple("S-9", "S-1", true),
                        org.assertj.core.groups.Tuple.tuple("S-2", "S-1", true));
    }

    @Test
    void correctionNoticeFromAPhotoLaterThanTheCurrentOwnerChangesNothing() throws Exception {
        answer(COPY, ORIGINAL, 0, false);
        answer(COPY, null, 0, false);
        harness.processElement(
                new StreamRecord<>(
                        new RegistryAnswer(COPY, OTHER, 0, 13, 2, false, true),
                        MAR_02.toEpochMilli()));

        assertThat(candidates()).hasSize(1);
    }
}
