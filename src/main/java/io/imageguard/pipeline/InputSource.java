package io.imageguard.pipeline;

import io.imageguard.records.InputRecord;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where the job's inputs come from: Kafka in production, a JSON-lines file in replay. */
public interface InputSource {
    /** All inputs, parsed, with event-time timestamps and watermarks assigned. */
    DataStream<InputRecord> open(StreamExecutionEnvironment env);
}
