package io.imageguard.io;

import io.imageguard.pipeline.InputTypes;
import io.imageguard.records.EventParser;
import io.imageguard.records.InputRecord;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses Kafka records inside the source, so watermarks are generated per partition from the
 * events' own {@code eventTime}. Never throws: a bad record becomes a rejection.
 */
public final class InputRecordDeserializationSchema
        implements KafkaRecordDeserializationSchema<InputRecord> {
    private final EventParser parser;
    private final Map<String, String> logicalTopicByKafkaTopic;

    public InputRecordDeserializationSchema(
            EventParser parser, Map<String, String> logicalTopicByKafkaTopic) {
        this.parser = parser;
        this.logicalTopicByKafkaTopic = Map.copyOf(logicalTopicByKafkaTopic);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InputRecord> out) {
        out.collect(parser.parse(record.value(), logicalTopicByKafkaTopic.get(record.topic())));
    }

    @Override
    public TypeInformation<InputRecord> getProducedType() {
        return InputTypes.INPUT;
    }
}
