package io.imageguard.io;

import static io.imageguard.testing.TestEvents.on;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageguard.records.Json;
import io.imageguard.records.OutputTopic;
import io.imageguard.records.Topics;
import io.imageguard.testing.KafkaBrokerExtension;
import io.imageguard.testing.KafkaJobHarness;
import io.imageguard.testing.MiniClusters;
import io.imageguard.testing.TestEvents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Contract events through Kafka → job → Kafka, read back as a read_committed consumer would. */
class KafkaPipelineITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.parallelismTwo();

    private static String example(String name) throws IOException {
        try (InputStream in = KafkaPipelineITCase.class.getResourceAsStream("/contract/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    @Test
    void contractEventsFlowAndBadRecordsReachDeadLetterOnce() throws Exception {
        KafkaJobHarness harness = new KafkaJobHarness(KAFKA.kafka(), "pipeline");
        List<String[]> inputs = new ArrayList<>();
        for (String name :
                List.of("listing-published.json", "listing-updated.json", "listing-removed.json")) {
            inputs.add(on(Topics.LISTINGS, example(name)));
        }
        for (String name :
                List.of(
                        "complaint-filed.json",
                        "accused-response.json",
                        "complaint-withdrawn.json")) {
            inputs.add(on(Topics.COMPLAINTS, example(name)));
        }
        for (String name :
                List.of(
                        "protection-enrolled.json",
                        "license-granted.json",
                        "license-revoked.json")) {
            inputs.add(on(Topics.PROTECTION, example(name)));
        }
        String garbage = "this is not json";
        String unknownMode =
                "{\"type\":\"PROTECTION_ENROLLED\",\"eventId\":\"ev-x\","
                        + "\"eventTime\":\"2026-03-01T00:00:00Z\",\"sellerId\":\"S-2\","
                        + "\"mode\":\"MAYBE\"}";
        inputs.add(on(Topics.LISTINGS, garbage));
        inputs.add(on(Topics.PROTECTION, unknownMode));
        // a complaint sent to the listings topic, and the same garbage again (a replay)
        inputs.add(on(Topics.LISTINGS, example("complaint-filed.json")));
        inputs.add(on(Topics.LISTINGS, garbage));
        inputs.add(TestEvents.endOfTestSentinel());
        harness.produce(inputs);

        JobClient job = harness.start(harness.config(), stream -> stream);
        harness.awaitCaughtUp(job);
        Map<OutputTopic, List<String>> outputs = harness.readOutputs();
        job.cancel().get();

        List<String> deadLetter = outputs.get(OutputTopic.DEAD_LETTER);
        assertThat(deadLetter).hasSize(3);
        List<String> reasons = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        for (String line : deadLetter) {
            JsonNode node = Json.MAPPER.readTree(line);
            reasons.add(node.get("reason").asText());
            payloads.add(node.get("payload").asText());
            assertThat(node.get("id").asText()).startsWith("rejected-");
        }
        assertThat(reasons).containsExactlyInAnyOrder("NOT_JSON", "UNKNOWN_ENUM", "WRONG_TOPIC");
        assertThat(payloads)
                .containsExactlyInAnyOrder(garbage, unknownMode, example("complaint-filed.json"));
    }
}
