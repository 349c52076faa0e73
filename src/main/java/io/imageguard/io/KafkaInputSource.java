package io.imageguard.io;

import io.imageguard.config.ImageguardConfig;
import io.imageguard.pipeline.InputSource;
import io.imageguard.pipeline.InputWatermarks;
import io.imageguard.records.EventParser;
import io.imageguard.records.InputRecord;
import io.imageguard.records.Topics;
import java.util.Map;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The three input topics through one Kafka source: watermarks per partition across all of them,
 * {@code read_committed} so that aborted transactions of upstream producers are never read, and
 * offsets committed with each checkpoint.
 */
public final class KafkaInputSource implements InputSource {
    private final ImageguardConfig cfg;
    private final boolean stopAtLatestOffsets;

    /** The unbounded source of the production job. */
    public KafkaInputSource(ImageguardConfig cfg) {
        this(cfg, false);
    }

    /**
     * @param stopAtLatestOffsets read up to the offsets that are latest when the job starts, then
     *     end: the job finishes, its final watermark fires every pending event-time timer, and its
     *     final checkpoint commits the outputs (the demo, back-fills, tests)
     */
    public KafkaInputSource(ImageguardConfig cfg, boolean stopAtLatestOffsets) {
        this.cfg = cfg;
        this.stopAtLatestOffsets = stopAtLatestOffsets;
    }

    @Override
    public DataStream<InputRecord> open(StreamExecutionEnvironment env) {
        ImageguardConfig.TopicNames topics = cfg.topics();
        Map<String, String> logical =
                Map.of(
                        topics.listings(), Topics.LISTINGS,
                        topics.complaints(), Topics.COMPLAINTS,
                        topics.protection(), Topics.PROTECTION);
        OffsetResetStrategy reset =
                cfg.kafka().startingOffsets().equals("latest")
                        ? OffsetResetStrategy.LATEST
                        : OffsetResetStrategy.EARLIEST;
        var builder =
                KafkaSource.<InputRecord>builder()
                        .setBootstrapServers(cfg.kafka().bootstrapServers())
                        .setGroupId(cfg.kafka().groupId())
                        .setTopics(topics.listings(), topics.complaints(), topics.protection())
                        .setStartingOffsets(OffsetsInitializer.committedOffsets(reset))
                        .setDeserializer(
                                new InputRecordDeserializationSchema(
                                        new EventParser(
                                                cfg.input().maxRecordBytes(), cfg.policyVersion()),
                                        logical))
                        .setProperties(cfg.kafka().clientProperties())
                        .setProperty("isolation.level", "read_committed");
        if (stopAtLatestOffsets) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        KafkaSource<InputRecord> source = builder.build();
        return env.fromSource(
                        source, InputWatermarks.strategy(cfg.eventTime()), "kafka: input topics")
                .uid("source-kafka");
    }
}
