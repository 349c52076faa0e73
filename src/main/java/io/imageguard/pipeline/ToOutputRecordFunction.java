package io.imageguard.pipeline;

import io.imageguard.records.Json;
import io.imageguard.records.OutputEvent;
import org.apache.flink.api.common.functions.MapFunction;

/** Serializes an output record to its topic's JSON form. */
public final class ToOutputRecordFunction<T extends OutputEvent>
        implements MapFunction<T, OutputRecord> {
    @Override
    public OutputRecord map(T record) {
        Long timestamp = record.eventTime() == null ? null : record.eventTime().toEpochMilli();
        return new OutputRecord(record.partitionKey(), timestamp, record.id(), Json.write(record));
    }
}
