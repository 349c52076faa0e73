package io.imageguard.testing;

import io.imageguard.config.ConfigSource;
import io.imageguard.config.ImageguardConfig;
import io.imageguard.demo.EmbeddedKafka;
import io.imageguard.io.KafkaInputSource;
import io.imageguard.io.KafkaOutputSinks;
import io.imageguard.pipeline.FlinkSettings;
import io.imageguard.pipeline.ImageguardTopology;
import io.imageguard.records.InputRecord;
import io.imageguard.records.OutputTopic;
import io.imageguard.records.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One run of the Kafka job against the in-process broker, on topics of its own: produce inputs,
 * start the job, wait until it has consumed and committed everything, read the committed outputs as
 * an enforcement system would ({@code read_committed}).
 */
public final class KafkaJobHarness {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final EmbeddedKafka kafka;
    private final String run;
    private final Map<String, String> inputTopics = new HashMap<>();
    private final Map<OutputTopic, String> outputTopics = new EnumMap<>(OutputTopic.class);

    public KafkaJobHarness(EmbeddedKafka kafka, String run) throws Exception {
        this.kafka = kafka;
        this.run = run;
        for (String logical : List.of(Topics.LISTINGS, Topics.COMPLAINTS, Topics.PROTECTION)) {
            inputTopics.put(logical, run + "." + logical);
        }
        for (OutputTopic t : OutputTopic.values()) {
            outputTopics.put(t, run + "." + t.logicalName());
        }
        kafka.createTopics(1, inputTopics.values().toArray(String[]::new));
        kafka.createTopics(2, outputTopics.values().toArray(String[]::new));
    }

    /** The job's configuration for this run: its topics, fast checkpoints, quick idleness. */
    public ImageguardConfig config(String... extra) {
        List<String> overrides = new ArrayList<>();
        inputTopics.forEach((logical, actual) -> overrides.add("topics." + logical + "=" + actual));
        outputTopics.forEach(
                (t, actual) -> overrides.add("topics." + t.logicalName() + "=" + actual));
        overrides.add("kafka.bootstrap-servers=" + kafka.bootstrapServers());
        overrides.add("kafka.group-id=" + run);
        overrides.add("kafka.transactional-id-prefix=" + run);
        overrides.add("checkpoint.interval=200 ms");
        overrides.add("checkpoint.min-pause=0 ms");
        overrides.add("restart.initial-backoff=100 ms");
        overrides.add("restart.max-backoff=1 s");
        // every test ends each input partition with a sentinel: no idleness, no races with it
        overrides.add("event-time.idle-timeout=0 s");
        overrides.addAll(List.of(extra));
        return ImageguardConfig.load(ConfigSource.defaults().withOverrides(overrides));
    }

    /** Sends {@code (logical input topic, JSON)} pairs, in order, and waits for the acks. */
    public void produce(List<String[]> topicAndValue) {
        Properties p = kafka.clientProperties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (String[] tv : topicAndValue) {
                producer.send(
                        new ProducerRecord<>(
                                inputTopics.get(tv[0]), tv[1].getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    /** Runs the job over the input produced so far, to its end (bounded source). */
    public Map<OutputTopic, List<String>> runToEnd(ImageguardConfig cfg) throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(cfg, true));
        ImageguardTopology.define(
                env, cfg, new KafkaInputSource(cfg, true), new KafkaOutputSinks(cfg));
        env.execute("imageguard " + run);
        return readOutputs();
    }

    /**
     * Starts the unbounded Kafka job; {@code tamper} may add operators behind the source
     * (failures).
     */
    public JobClient start(ImageguardConfig cfg, UnaryOperator<DataStream<InputRecord>> tamper)
            throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.of(cfg, true));
        KafkaInputSource kafkaSource = new KafkaInputSource(cfg);
        ImageguardTopology.define(
                env, cfg, e -> tamper.apply(kafkaSource.open(e)), new KafkaOutputSinks(cfg));
        return env.executeAsync("imageguard " + run);
    }

    /**
     * Waits until the job's consumer group has committed every input offset (so a checkpoint
     * completed after the last input) and no output partition has an open transaction.
     */
    public void awaitCaughtUp(JobClient job) throws Exception {
        Await.until(
                "job " + run + " consumed and committed all input",
                TIMEOUT,
                () -> {
                    JobStatus status = job.getJobStatus().get();
                    if (status.isGloballyTerminalState()) {
                        job.getJobExecutionResult().get();
                        throw new IllegalStateException("job ended: " + status);
                    }
                    return inputCommitted() && outputsStable();
                });
    }

    /** Waits until at least {@code count} committed records are readable on {@code topic}. */
    public void awaitOutputs(OutputTopic topic, int count) throws Exception {
        Await.until(
                count + " committed records on " + topic.logicalName(),
                TIMEOUT,
                () -> readOutputs().get(topic).size() >= count);
    }

    /** Waits until every output topic holds at least as many committed records as given. */
    public void awaitOutputs(Map<OutputTopic, ? extends List<?>> atLeast) throws Exception {
        Await.until(
                "committed outputs reach " + atLeast.keySet(),
                TIMEOUT,
                () -> {
                    Map<OutputTopic, List<String>> now = readOutputs();
                    for (Map.Entry<OutputTopic, ? extends List<?>> e : atLeast.entrySet()) {
                        if (now.get(e.getKey()).size() < e.getValue().size()) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    private boolean inputCommitted() throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(run).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> ends = endOffsets(admin, inputTopics.values(), false);
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata c = committed.get(end.getKey());
                long position = c == null ? 0 : c.offset();
                if (position < end.getValue()) {
                    return false;
                }
            }
            return true;
        }
    }

    private boolean outputsStable() throws Exception {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            return endOffsets(admin, outputTopics.values(), true)
                    .equals(endOffsets(admin, outputTopics.values(), false));
        }
    }

    private static Map<TopicPartition, Long> endOffsets(
            Admin admin, java.util.Collection<String> topics, boolean stable) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (var entry : admin.describeTopics(topics).allTopicNames().get().entrySet()) {
            entry.getValue()
                    .partitions()
                    .forEach(
                            p ->
                                    request.put(
                                            new TopicPartition(entry.getKey(), p.partition()),
                                            OffsetSpec.latest()));
        }
        var options =
                new org.apache.kafka.clients.admin.ListOffsetsOptions(
                        stable ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, Long> out = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e :
                admin.listOffsets(request, options).all().get().entrySet()) {
            out.put(e.getKey(), e.getValue().offset());
        }
        return out;
    }

    /** Every committed record of every output topic, as JSON text, in partition order. */
    public Map<OutputTopic, List<String>> readOutputs() {
        Properties p = kafka.clientProperties();
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<OutputTopic, List<String>> out = new EnumMap<>(OutputTopic.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            for (OutputTopic topic : OutputTopic.values()) {
                List<TopicPartition> partitions = new ArrayList<>();
                consumer.partitionsFor(outputTopics.get(topic))
                        .forEach(
                                info ->
                                        partitions.add(
                                                new TopicPartition(
                                                        info.topic(), info.partition())));
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                List<String> values = new ArrayList<>();
                while (!reached(consumer, ends)) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        values.add(new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
                out.put(topic, values);
            }
        }
        return out;
    }

    private static boolean reached(
            KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    public Set<String> inputTopicNames() {
        return Set.copyOf(inputTopics.values());
    }
}
