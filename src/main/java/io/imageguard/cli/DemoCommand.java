package io.imageguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageguard.config.ConfigSource;
import io.imageguard.config.ImageguardConfig;
import io.imageguard.demo.EmbeddedKafka;
import io.imageguard.io.KafkaInputSource;
import io.imageguard.io.KafkaOutputSinks;
import io.imageguard.pipeline.FlinkSettings;
import io.imageguard.pipeline.ImageguardTopology;
import io.imageguard.records.Json;
import io.imageguard.records.OutputTopic;
import io.imageguard.synth.GeneratedEvent;
import io.imageguard.synth.GroundTruth;
import io.imageguard.synth.MarketplaceGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the embedded default. A real Kafka broker in this process, a synthetic marketplace
 * (sellers, thieves copying with realistic edits, honest and abusive complainants) written into the
 * input topics, the job on a local MiniCluster with the Flink web UI, live progress, and a summary
 * per output topic. Ends by itself: the job reads the input topics up to the offsets of its start
 * and finishes.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Embedded Kafka, synthetic marketplace, the job, a summary.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--seed", description = "marketplace seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--dir", description = "where photos and outputs go (default: a temp dir)")
    Path dir;

    @Mixin ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Path work =
                dir != null
                        ? Files.createDirectories(dir)
                        : Files.createTempDirectory("imageguard-demo");
        System.out.println("imageguard demo — working directory " + work);

        System.out.print("starting Kafka (KRaft, in process) ... ");
        try (EmbeddedKafka kafka = quietly(EmbeddedKafka::start)) {
            System.out.println(kafka.bootstrapServers());
            ImageguardConfig cfg = demoConfig(kafka, work);
            List<String> topics =
                    new ArrayList<>(
                            List.of(
                                    cfg.topics().listings(),
                                    cfg.topics().complaints(),
                                    cfg.topics().protection()));
            topics.addAll(cfg.topics().outputs().values());
            kafka.createTopics(2, topics.toArray(String[]::new));

            System.out.print("drawing a synthetic marketplace (seed " + seed + ") ... ");
            MarketplaceGenerator.Result market =
                    new MarketplaceGenerator(
                                    MarketplaceGenerator.Config.builder(work.resolve("photos"))
                                            .seed(seed)
                                            .build())
                            .generate();
            GroundTruth truth = market.truth();
            truth.write(work.resolve("ground-truth.json"));
            System.out.printf(
                    "%d events, %d thieves, %d copies, %d abusive complainants%n",
                    market.events().size(),
                    truth.thieves().size(),
                    truth.copies().size(),
                    truth.abusiveComplainants().size());
            produce(kafka, cfg, market.events());

            Configuration flink = FlinkSettings.of(cfg, true);
            int port = freePort();
            flink.set(RestOptions.PORT, port);
            String webUi = "http://localhost:" + port;
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flink);
            ImageguardTopology.define(
                    env, cfg, new KafkaInputSource(cfg, true), new KafkaOutputSinks(cfg));
            JobClient job = env.executeAsync("imageguard demo");
            System.out.println("job " + job.getJobID() + " running — Flink web UI: " + webUi);

            Map<OutputTopic, List<String>> outputs = watch(kafka, cfg, job, webUi);
            summarize(outputs, work);
            scoreTheftFlags(outputs.get(OutputTopic.THEFT_FLAGS), truth);
        }
        return 0;
    }

    private ImageguardConfig demoConfig(EmbeddedKafka kafka, Path work) {
        ConfigSource source = config.source();
        source.with("kafka.bootstrap-servers", kafka.bootstrapServers())
                .with("kafka.group-id", "imageguard-demo")
                .with("checkpoint.interval", "1 s")
                .with("checkpoint.min-pause", "0 ms")
                .with("checkpoint.dir", work.resolve("checkpoints").toUri().toString())
                // the generator delays events by up to an hour; the bounded run needs no idleness
                .with("event-time.max-out-of-orderness", "2 h")
                .with("event-time.idle-timeout", "0 s")
                .with("job.parallelism", "2")
                .with("images.file-roots", work.resolve("photos").toString());
        // the user's own --set wins over the demo's choices
        source.withOverrides(config.overrides);
        return ImageguardConfig.load(source);
    }

    private static void produce(
            EmbeddedKafka kafka, ImageguardConfig cfg, List<GeneratedEvent> events) {
        Map<String, String> topicOf =
                Map.of(
                        MarketplaceGenerator.LISTINGS, cfg.topics().listings(),
                        MarketplaceGenerator.COMPLAINTS, cfg.topics().complaints(),
                        MarketplaceGenerator.PROTECTION, cfg.topics().protection());
        Properties p = kafka.clientProperties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (GeneratedEvent e : events) {
                producer.send(new ProducerRecord<>(topicOf.get(e.topic()), e.key(), e.json()));
            }
            producer.flush();
        }
        System.out.println("wrote " + events.size() + " events into the input topics");
    }

    /** Prints progress until the job ends, then returns every committed output record. */
    private static Map<OutputTopic, List<String>> watch(
            EmbeddedKafka kafka, ImageguardConfig cfg, JobClient job, String webUi)
            throws Exception {
        Map<String, OutputTopic> byName = new HashMap<>();
        cfg.topics().outputs().forEach((t, name) -> byName.put(name, t));
        Map<OutputTopic, List<String>> outputs = new EnumMap<>(OutputTopic.class);
        for (OutputTopic t : OutputTopic.values()) {
            outputs.put(t, new ArrayList<>());
        }
        Properties p = kafka.clientProperties();
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "imageguard-demo-watch");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        HttpClient http = HttpClient.newHttpClient();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(byName.keySet());
            boolean running = true;
            while (true) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
                    outputs.get(byName.get(r.topic())).add(r.value());
                }
                StringBuilder line = new StringBuilder();
                line.append(String.format("  events in %5s |", eventsIn(http, webUi, job)));
                for (OutputTopic t : OutputTopic.values()) {
                    line.append(' ')
                            .append(t.logicalName())
                            .append(' ')
                            .append(outputs.get(t).size());
                }
                System.out.println(line);
                if (!running) {
                    return outputs;
                }
                // one more poll after the job ends collects its final committed transaction
                var result = job.getJobExecutionResult();
                running = !result.isDone();
                if (!running) {
                    result.get();
                }
            }
        }
    }

    /** Theft flags against the generator's truth: which copies of another's photo were found. */
    private static void scoreTheftFlags(List<String> flags, GroundTruth truth) throws Exception {
        java.util.Set<String> thefts = new java.util.HashSet<>();
        for (GroundTruth.Copy c : truth.copies()) {
            if (c.theft()) {
                thefts.add(c.suspectImageId());
            }
        }
        int found = 0;
        int wrong = 0;
        for (String flag : flags) {
            if (thefts.contains(Json.MAPPER.readTree(flag).path("suspectImageId").asText())) {
                found++;
            } else {
                wrong++;
            }
        }
        System.out.printf(
                "theft flags against the ground truth: %d of %d stolen photos flagged, %d flags"
                        + " on photos that were not stolen%n",
                found, thefts.size(), wrong);
    }

    /** Kafka's storage formatter prints to stdout; the demo's own lines are what matter. */
    private static <T> T quietly(Callable<T> action) throws Exception {
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return action.call();
        } finally {
            System.setOut(out);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Records read by the job's source so far, from the Flink REST API of the web UI. */
    private static String eventsIn(HttpClient http, String webUi, JobClient job) {
        try {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(URI.create(webUi + "/jobs/" + job.getJobID()))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode vertices = Json.MAPPER.readTree(response.body()).path("vertices");
            for (JsonNode v : vertices) {
                if (v.path("name").asText().startsWith("Source: kafka")) {
                    return v.path("metrics").path("write-records").asText("?");
                }
            }
        } catch (Exception e) {
            // progress is best effort; the summary comes from Kafka itself
        }
        return "?";
    }

    private static void summarize(Map<OutputTopic, List<String>> outputs, Path work)
            throws Exception {
        System.out.println();
        System.out.println("summary (committed records, read_committed):");
        System.out.printf("  %-24s %8s%n", "topic", "records");
        for (OutputTopic t : OutputTopic.values()) {
            System.out.printf("  %-24s %8d%n", t.logicalName(), outputs.get(t).size());
            Files.write(work.resolve(t.logicalName() + ".jsonl"), outputs.get(t));
        }
        System.out.println();
        for (OutputTopic t : OutputTopic.values()) {
            List<String> records = outputs.get(t);
            for (int i = 0; i < Math.min(2, records.size()); i++) {
                System.out.println("  " + t.logicalName() + ": " + records.get(i));
            }
        }
        System.out.println();
        System.out.println("outputs and ground truth written to " + work);
    }
}
