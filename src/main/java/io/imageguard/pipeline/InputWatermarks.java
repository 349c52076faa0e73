package io.imageguard.pipeline;

import io.imageguard.config.ImageguardConfig;
import io.imageguard.records.InputRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of every input: its {@code eventTime}, bounded out-of-orderness, idle inputs skipped.
 */
public final class InputWatermarks {
    private InputWatermarks() {}

    public static WatermarkStrategy<InputRecord> strategy(ImageguardConfig.EventTime cfg) {
        WatermarkStrategy<InputRecord> strategy =
                WatermarkStrategy.<InputRecord>forBoundedOutOfOrderness(cfg.maxOutOfOrderness())
                        // rejections carry Long.MIN_VALUE: they never move event time
                        .withTimestampAssigner(
                                (record, kafkaTimestamp) -> record.eventTimeMillis());
        // Idleness trades completeness for progress: a partition that is slow rather than empty
        // (a lagging fetch after a restart) lets event time run ahead and its events arrive
        // late. Zero turns it off, for bounded runs where empty partitions simply finish.
        return cfg.idleTimeout().isZero() ? strategy : strategy.withIdleness(cfg.idleTimeout());
    }
}
