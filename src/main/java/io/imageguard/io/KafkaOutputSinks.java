package io.imageguard.io;

import io.imageguard.config.ImageguardConfig;
import io.imageguard.pipeline.OutputRecord;
import io.imageguard.pipeline.OutputSinks;
import io.imageguard.records.OutputTopic;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Exactly-once Kafka sinks, one per output topic. Each has its own transactional-id prefix ({@link
 * ImageguardConfig.Kafka#transactionalIdPrefix(OutputTopic)}): two sinks sharing one would abort
 * each other's transactions on recovery. Records become visible to {@code read_committed} consumers
 * when the checkpoint that covers them completes.
 */
public final class KafkaOutputSinks implements OutputSinks {
    private final ImageguardConfig cfg;

    public KafkaOutputSinks(ImageguardConfig cfg) {
        this.cfg = cfg;
    }

    @Override
    public void write(OutputTopic topic, DataStream<OutputRecord> records) {
        String kafkaTopic = cfg.topics().output(topic);
        KafkaSink<OutputRecord> sink =
                KafkaSink.<OutputRecord>builder()
                        .setBootstrapServers(cfg.kafka().bootstrapServers())
                        .setKafkaProducerConfig(cfg.kafka().clientProperties())
                        .setProperty(
                                "transaction.timeout.ms",
                                String.valueOf(cfg.kafka().transactionTimeout().toMillis()))
                        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setTransactionalIdPrefix(cfg.kafka().transactionalIdPrefix(topic))
                        .setRecordSerializer(new OutputRecordSerializationSchema(kafkaTopic))
                        .build();
        records.sinkTo(sink).uid("sink-" + topic.logicalName()).name("kafka: " + kafkaTopic);
    }
}
