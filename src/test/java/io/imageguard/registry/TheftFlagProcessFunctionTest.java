package io.imageguard.registry;

import static io.imageguard.registry.RegistryTestData.DRESS;
import static io.imageguard.registry.RegistryTestData.MAR_01;
import static io.imageguard.registry.RegistryTestData.MAR_02;
import static io.imageguard.registry.RegistryTestData.MAR_03;
import static io.imageguard.registry.RegistryTestData.MAR_04;
import static io.imageguard.registry.RegistryTestData.enrolled;
import static io.imageguard.registry.RegistryTestData.license;
import static io.imageguard.registry.RegistryTestData.photo;
import static org.assertj.core.api.Assertions.assertThat;

import io.imageguard.records.ComplaintEvent;
import io.imageguard.records.ComplaintOrigin;
import io.imageguard.records.ProtectionEvent;
import io.imageguard.records.ProtectionEventType;
import io.imageguard.records.ProtectionMode;
import io.imageguard.records.TheftAction;
import io.imageguard.records.TheftFlag;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TheftFlagProcessFunctionTest {
    private KeyedTwoInputStreamOperatorTestHarness<
                    String, TheftCandidate, ProtectionEvent, TheftFlag>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new TheftFlagProcessFunction("p1")),
                        c -> c.owner().sellerId(),
                        TheftFlagProcessFunction::ownerOf,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    /** S-9 copies S-1's photo at {@code t}. */
    private void copyAt(Instant t) throws Exception {
        TheftCandidate c =
                new TheftCandidate(
                        photo("e-" + t, t, "S-9", "L-9", DRESS),
                        photo("e-own", MAR_01, "S-1", "L-1", DRESS),
                        0,
                        0,
                        false);
        harness.processElement1(new StreamRecord<>(c, t.toEpochMilli()));
    }

    private void protection(ProtectionEvent e) throws Exception {
        harness.processElement2(new StreamRecord<>(e, e.eventTime().toEpochMilli()));
    }

    private void watermark(Instant t) throws Exception {
        harness.processBothWatermarks(
                new org.apache.flink.streaming.api.watermark.Watermark(t.toEpochMilli()));
    }

    @Test
    void ownerNotEnrolledGetsAPlainFlag() throws Exception {
        copyAt(MAR_02);
        watermark(MAR_02);

        TheftFlag f = harness.extractOutputValues().get(0);
        assertThat(f.action()).isEqualTo(TheftAction.FLAGGED);
        assertThat(f.suspectSellerId()).isEqualTo("S-9");
        assertThat(f.suspectListingId()).isEqualTo("L-9");
        assertThat(f.suspectImageId()).isEqualTo("L-9/1");
        assertThat(f.ownerSellerId()).isEqualTo("S-1");
        assertThat(f.ownerImageId()).isEqualTo("L-1/1");
        assertThat(f.ownerPublishedAt()).isEqualTo(MAR_01);
        assertThat(f.eventTime()).isEqualTo(MAR_02);
        assertThat(f.correction()).isFalse();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void notifyOwnerGetsNotified() throws Exception {
        protection(enrolled("p1", MAR_01, "S-1", ProtectionMode.NOTIFY));
        copyAt(MAR_02);
        watermark(MAR_02);

        assertThat(harness.extractOutputValues())
                .extracting(TheftFlag::action)
                .containsExactly(TheftAction.NOTIFIED);
    }

    @Test
    void autoComplainOwnerGetsAComplaintFiledForIt() throws Exception {
        protection(enrolled("p1", MAR_01, "S-1", ProtectionMode.AUTO_COMPLAIN));
        copyAt(MAR_02);
        watermark(MAR_02);

        assertThat(harness.extractOutputValues())
                .extracting(TheftFlag::action)
                .containsExactly(TheftAction.AUTO_COMPLAINT_FILED);
        ComplaintEvent complaint =
                harness.getSideOutput(TheftFlagProcessFunction.AUTO_COMPLAINTS).poll().getValue();
        assertThat(complaint.origin()).isEqualTo(ComplaintOrigin.AUTO_PROTECTION);
        assertThat(complaint.complainantId()).isEqualTo("S-1");
        assertThat(complaint.complainantIsSeller()).isTrue();
        assertThat(complaint.accusedSellerId()).isEqualTo("S-9");
        assertThat(complaint.accusedListingId()).isEqualTo("L-9");
        assertThat(complaint.original().hash()).isEqualTo(DRESS);
        assertThat(complaint.eventTime()).isEqualTo(MAR_02);
    }

    @Test
    void licensedSellerIsNotFlaggedUntilTheLicenceIsRevoked() throws Exception {
        protection(license(ProtectionEventType.LICENSE_GRANTED, "g", MAR_01, "S-1", "S-9"));
        copyAt(MAR_02);
        protection(license(ProtectionEventType.LICENSE_REVOKED, "r", MAR_03, "S-1", "S-9"));
        copyAt(MAR_04);
        watermark(MAR_04);

        assertThat(harness.extractOutputValues())
                .extracting(TheftFlag::eventTime)
                .containsExactly(MAR_04);
    }

    @Test
    void licenceTakesEffectFromItsOwnInstant() throws Exception {
        copyAt(MAR_02);
        protection(license(ProtectionEventType.LICENSE_GRANTED, "g", MAR_02, "S-1", "S-9"));
        watermark(MAR_02);

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void licenceGrantedAfterTheCopyDoesNotExcuseItEvenIfItArrivesFirst() throws Exception {
        protection(license(ProtectionEventType.LICENSE_GRANTED, "g", MAR_03, "S-1", "S-9"));
        copyAt(MAR_02);
        watermark(MAR_03);

        assertThat(harness.extractOutputValues())
                .extracting(TheftFlag::eventTime)
                .containsExactly(MAR_02);
    }

    @Test
    void lateCandidateIsJudgedByTheModeInForceAtItsOwnTime() throws Exception {
        protection(enrolled("p1", MAR_01, "S-1", ProtectionMode.NOTIFY));
        protection(enrolled("p2", MAR_03, "S-1", ProtectionMode.OFF));
        watermark(MAR_04);
        copyAt(MAR_02); // arrives after the watermark passed it: judged at once, as of March 2nd

        assertThat(harness.extractOutputValues())
                .extracting(TheftFlag::action)
                .containsExactly(TheftAction.NOTIFIED);
    }

    @Test
    void correctionCandidatesBecomeCorrectionFlagsWithTheirOwnIds() throws Exception {
        copyAt(MAR_02);
        watermark(MAR_02);
        TheftCandidate corrected =
                new TheftCandidate(
                        photo("e-" + MAR_02, MAR_02, "S-9", "L-9", DRESS),
                        photo("e-own", MAR_01, "S-1", "L-1", DRESS),
                        0,
                        0,
                        true);
        harness.processElement1(new StreamRecord<>(corrected, MAR_02.toEpochMilli()));

        assertThat(harness.extractOutputValues())
                .extracting(TheftFlag::correction)
                .containsExactly(false, true);
        assertThat(harness.extractOutputValues().get(0).id())
                .isNotEqualTo(harness.extractOutputValues().get(1).id());
    }
}
