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

class ExactHashRegistryProcessFunctionTest {
    private KeyedOneInputStreamOperatorTestHarness<String, ListingPhoto, FirstPublishRecord>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ExactHashRegistryProcessFunction("p1")),
                        ListingPhoto::hash,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(ListingPhoto p) throws Exception {
        harness.processElement(new StreamRecord<>(p, p.eventTime().toEpochMilli()));
    }

    private List<TheftCandidate> candidates() {
        return harness.getSideOutput(ExactHashRegistryProcessFunction.CANDIDATES) == null
                ? List.of()
                : harness.getSideOutput(ExactHashRegistryProcessFunction.CANDIDATES).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }

    @Test
    void firstPhotoOfAHashBecomesItsFirstPublishRecord() throws Exception {
        send(photo("e1", MAR_01, "S-1", "L-1", DRESS));
        assertThat(harness.extractOutputValues()).as("nothing before the watermark").isEmpty();

        harness.processWatermark(MAR_01.toEpochMilli());

        FirstPublishRecord r = harness.extractOutputValues().get(0);
        assertThat(r.hash()).isEqualTo(DRESS);
        assertThat(r.sellerId()).isEqualTo("S-1");
        assertThat(r.listingId()).isEqualTo("L-1");
        assertThat(r.imageId()).isEqualTo("L-1/1");
        assertThat(r.publishedAt()).isEqualTo(MAR_01);
        assertThat(r.eventTime()).isEqualTo(MAR_01);
        assertThat(r.correction()).isFalse();
        assertThat(r.policyVersion()).isEqualTo("p1");
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void laterPhotoOfAnotherSellerIsATheftCandidateNamingTheOwner() throws Exception {
        send(photo("e1", MAR_01, "S-1", "L-1", DRESS));
        send(photo("e2", MAR_02, "S-9", "L-9", DRESS));
        harness.processWatermark(MAR_02.toEpochMilli());

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(candidates()).hasSize(1);
        TheftCandidate c = candidates().get(0);
        assertThat(c.suspect().sellerId()).isEqualTo("S-9");
        assertThat(c.owner().sellerId()).isEqualTo("S-1");
        assertThat(c.owner().eventTime()).isEqualTo(MAR_01);
    }

    @Test
    void sellerReusingItsOwnPhotoIsNotTheft() throws Exception {
        send(photo("e1", MAR_01, "S-1", "L-1", DRESS));
        send(photo("e2", MAR_02, "S-1", "L-2", DRESS));
        harness.processWatermark(MAR_02.toEpochMilli());

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(candidates()).isEmpty();
    }

    @Test
    void updatingTheSameListingDoesNotFlagAgain() throws Exception {
        send(photo("e1", MAR_01, "S-1", "L-1", DRESS));
        send(photo("e2", MAR_02, "S-9", "L-9", DRESS));
        send(photo("e3", MAR_03, "S-9", "L-9", DRESS)); // LISTING_UPDATED, same image
        harness.processWatermark(MAR_03.toEpochMilli());

        assertThat(candidates()).hasSize(1);
    }

    @Test
    void thiefArrivingBeforeTheOwnerWithinTheBoundIsStillTheThief() throws Exception {
        send(photo("e2", MAR_02, "S-9", "L-9", DRESS));
        send(photo("e1", MAR_01, "S-1", "L-1", DRESS));
        harness.processWatermark(MAR_02.toEpochMilli());

        assertThat(harness.extractOutputValues())
                .extracting(FirstPublishRecord::sellerId)
                .containsExactly("S-1");
        assertThat(candidates()).extracting(c -> c.suspect().sellerId()).containsExactly("S-9");
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void samePublishInstantIsDecidedByEventIdWhateverTheArrivalOrder() throws Exception {
        send(photo("e-b", MAR_01, "S-2", "L-2", DRESS));
        send(photo("e-a", MAR_01, "S-1", "L-1", DRESS));
        harness.processWatermark(MAR_01.toEpochMilli());

        assertThat(harness.extractOutputValues())
                .extracting(FirstPublishRecord::sellerId)
                .containsExactly("S-1");
    }

    @Test
    void lateTrueFirstPublisherIsRegisteredAndEveryCopyFlaggedAgainAsACorrection()
            throws Exception {
        send(photo("e2", MAR_02, "S-9", "L-9", DRESS));
        send(photo("e3", MAR_03, "S-5", "L-5", DRESS));
        harness.processWatermark(MAR_03.toEpochMilli());
        // beyond the bound: S-1 published the photo first, on March 1st
        send(photo("e1", MAR_01, "S-1", "L-1", DRESS));

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
                        org.assertj.core.groups.Tuple.tuple("S-5", "S-9", false),
                        org.assertj.core.groups.Tuple.tuple("S-9", "S-1", true),
                        org.assertj.core.groups.Tuple.tuple("S-5", "S-1", true));
    }

    @Test
    void lateCopyOfAnEarlierOwnerIsAnOrdinaryFlag() throws Exception {
        send(photo("e1", MAR_01, "S-1", "L-1", DRESS));
        harness.processWatermark(MAR_03.toEpochMilli());
        send(photo("e2", MAR_02, "S-9", "L-9", DRESS));

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(candidates())
                .extracting(c -> c.suspect().sellerId(), TheftCandidate::correction)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("S-9", false));
    }
}
