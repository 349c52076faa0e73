package io.imageguard.pipeline;

import io.imageguard.records.OutputTopic;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Where each output topic's records go: Kafka in production, one file per topic in replay. */
public interface OutputSinks {
    void write(OutputTopic topic, DataStream<OutputRecord> records);
}
