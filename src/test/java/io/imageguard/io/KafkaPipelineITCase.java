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
        // S-1's photo, copied a day later by S-9; S-1 asked to be notified (contract example)
        inputs.add(
                TestEvents.listingPublished(
                        "ev-h1",
                        TestEvents.MAR_01_10H,
                        "L-1",
                        "S-1",
                        "L-1/1",
                        "phash64:00000000000000aa"));
        inputs.add(
                TestEvents.listingPublished(
                        "ev-h2",
                        TestEvents.MAR_02_10H,
                        "L-9",
                        "S-9",
                        "L-9/4",
                        "phash64:00000000000000aa"));
        inputs.addAll(TestEvents.endOfTestSentinels());
        harness.produce(inputs);

        // the example photos live on example.com: refused by the allow-list, never looked up
        Map<OutputTopic, List<String>> outputs =
                harness.runToEnd(harness.config("images.allowed-hosts=photos.test.invalid"));

        List<String> reasons = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        for (String line : outputs.get(OutputTopic.DEAD_LETTER)) {
            JsonNode node = Json.MAPPER.readTree(line);
            assertThat(node.get("id").asText()).startsWith("rejected-");
            if (node.get("reason").asText().startsWith("IMAGE_")) {
                assertThat(node.get("reason").asText()).isEqualTo("IMAGE_FORBIDDEN_HOST");
                continue;
            }
            reasons.add(node.get("reason").asText());
            payloads.add(node.get("payload").asText());
        }
        // three photos in the listing examples (L-100/1, L-100/2, and L-100/1 again on update),
        // three in the complaint examples (original, behind the scenes, the accused's original)
        assertThat(outputs.get(OutputTopic.DEAD_LETTER)).hasSize(3 + 6);
        assertThat(reasons).containsExactlyInAnyOrder("NOT_JSON", "UNKNOWN_ENUM", "WRONG_TOPIC");
        assertThat(payloads)
                .containsExactlyInAnyOrder(garbage, unknownMode, example("complaint-filed.json"));

        List<String> firstPublish = outputs.get(OutputTopic.FIRST_PUBLISH);
        assertThat(firstPublish).hasSize(1);
        JsonNode record = Json.MAPPER.readTree(firstPublish.get(0));
        assertThat(record.get("sellerId").asText()).isEqualTo("S-1");
        assertThat(record.get("imageId").asText()).isEqualTo("L-1/1");
        assertThat(record.get("publishedAt").asText()).isEqualTo("2026-03-01T10:00:00Z");

        List<String> flags = outputs.get(OutputTopic.THEFT_FLAGS);
        assertThat(flags).hasSize(1);
        JsonNode flag = Json.MAPPER.readTree(flags.get(0));
        assertThat(flag.get("suspectSellerId").asText()).isEqualTo("S-9");
        assertThat(flag.get("suspectImageId").asText()).isEqualTo("L-9/4");
        assertThat(flag.get("ownerSellerId").asText()).isEqualTo("S-1");
        // the contract example enrols S-1 with AUTO_COMPLAIN from 2026-02-01 (T5)
        assertThat(flag.get("action").asText()).isEqualTo("AUTO_COMPLAINT_FILED");
    }
}
