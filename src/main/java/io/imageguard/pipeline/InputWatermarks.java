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
        return WatermarkStrategy.<InputRecord>forBoundedOutOfOrderness(cfg.maxOutOfOrderness())
                // rejections carry Long.MIN_VALUE: they never move event time
                .withTimestampAssigner((record, kafkaTimestamp) -> record.eventTimeMillis())
                .withIdleness(cfg.idleTimeout());
    }
}
