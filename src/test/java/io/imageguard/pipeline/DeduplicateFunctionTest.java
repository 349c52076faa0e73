package io.imageguard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeduplicateFunctionTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private KeyedOneInputStreamOperatorTestHarness<String, String, String> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new DeduplicateFunction<String>(Duration.ofHours(24))),
                        value -> value,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void forwardsFirstAndDropsReplays() throws Exception {
        harness.processElement(new StreamRecord<>("ev-1", 10 * HOUR));
        harness.processElement(new StreamRecord<>("ev-2", 10 * HOUR));
        harness.processElement(new StreamRecord<>("ev-1", 10 * HOUR));

        assertThat(harness.extractOutputValues()).containsExactly("ev-1", "ev-2");
    }

    @Test
    void forgetsKeyOnceRetentionHasPassedInEventTime() throws Exception {
        harness.processElement(new StreamRecord<>("ev-1", 10 * HOUR));
        harness.processWatermark(10 * HOUR + 24 * HOUR - 1);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processWatermark(10 * HOUR + 24 * HOUR);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void lateRecordIsRememberedFromTheWatermark() throws Exception {
        harness.processWatermark(100 * HOUR);
        harness.processElement(new StreamRecord<>("ev-late", HOUR));

        harness.processWatermark(100 * HOUR + 23 * HOUR);
        harness.processElement(new StreamRecord<>("ev-late", HOUR));

        assertThat(harness.extractOutputValues()).containsExactly("ev-late");
    }

    @Test
    void recordWithoutEventTimeBeforeAnyWatermarkIsRememberedFromTheFirstWatermark()
            throws Exception {
        harness.processElement(new StreamRecord<>("garbage", Long.MIN_VALUE));
        harness.processWatermark(50 * HOUR);
        harness.processElement(new StreamRecord<>("garbage", Long.MIN_VALUE));
        assertThat(harness.extractOutputValues()).containsExactly("garbage");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processWatermark(50 * HOUR + 24 * HOUR);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
