package io.imageguard.io;

import io.imageguard.pipeline.OutputRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Key = the record's partition key, timestamp = its event time, value = its JSON. */
public final class OutputRecordSerializationSchema
        implements KafkaRecordSerializationSchema<OutputRecord> {
    private final String topic;

    public OutputRecordSerializationSchema(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            OutputRecord record, KafkaSinkContext context, Long timestamp) {
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(
                topic,
                null,
                record.timestamp(),
                key,
                record.json().getBytes(StandardCharsets.UTF_8));
    }
}
