package io.imageguard.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageguard.config.ImageguardConfig;
import io.imageguard.pipeline.InputTypes;
import io.imageguard.records.InputRecord;
import io.imageguard.records.Json;
import io.imageguard.records.OutputTopic;
import io.imageguard.records.Topics;
import io.imageguard.testing.KafkaBrokerExtension;
import io.imageguard.testing.KafkaJobHarness;
import io.imageguard.testing.MiniClusters;
import io.imageguard.testing.TestEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kills the Kafka job once mid-stream, after a checkpoint has completed, and shows that the
 * committed outputs equal those of a failure-free run, compared by id: none lost, none twice.
 */
class ExactlyOnceITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.parallelismTwo();

    /** Flags shared with the failing operator, which runs in this JVM's MiniCluster. */
    private static final AtomicBoolean ARMED = new AtomicBoolean();

    private static final AtomicBoolean FAILED = new AtomicBoolean();

    /** Throws once, on the first record it sees after the test armed it. */
    private static final class FailOnceWhenArmed implements MapFunction<InputRecord, InputRecord> {
        @Override
        public InputRecord map(InputRecord value) {
            if (ARMED.get() && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after a completed checkpoint");
            }
            return value;
        }
    }

    private static final List<String> HASHES = TestEvents.farApartHashes(120);

    /** Valid events and distinct bad records, in event-time order, half of them per phase. */
    private static List<String[]> phase(int phase) {
        List<String[]> events = new ArrayList<>();
        Instant start = TestEvents.MAR_01_10H.plusSeconds(phase * 100_000L);
        for (int i = 0; i < 60; i++) {
            Instant t = start.plusSeconds(60L * i);
            String n = phase + "-" + i;
            // phase 2 copies the first 20 photos of phase 1, each by another seller
            boolean copy = phase == 2 && i < 20;
            String hash = HASHES.get(copy ? i : 60 * (phase - 1) + i);
            String seller = "S-" + ((i + (copy ? 1 : 0)) % 7);
            events.add(
                    TestEvents.listingPublished(
                            "ev-l" + n, t, "L-" + n, seller, "L-" + n + "/1", hash));
            events.add(TestEvents.protectionEnrolled("ev-p" + n, t, "S-" + i, "NOTIFY"));
            events.add(TestEvents.on(Topics.LISTINGS, "{\"broken\": " + n));
            events.add(TestEvents.on(Topics.COMPLAINTS, "not json " + n));
        }
        if (phase == 2) {
            events.addAll(TestEvents.endOfTestSentinels());
        }
        return events;
    }

    private static Map<OutputTopic, List<String>> idsByTopic(Map<OutputTopic, List<String>> out)
            throws Exception {
        Map<OutputTopic, List<String>> ids = new EnumMap<>(OutputTopic.class);
        for (Map.Entry<OutputTopic, List<String>> e : out.entrySet()) {
            List<String> list = new ArrayList<>();
            for (String json : e.getValue()) {
                JsonNode node = Json.MAPPER.readTree(json);
                list.add(node.get("id").asText());
            }
            list.sort(String::compareTo);
            ids.put(e.getKey(), list);
        }
        return ids;
    }

    @Test
    void outputsAfterACrashEqualThoseOfAFailureFreeRun() throws Exception {
        KafkaJobHarness clean = new KafkaJobHarness(KAFKA.kafka(), "clean");
        clean.produce(phase(1));
        clean.produce(phase(2));
        Map<OutputTopic, List<String>> expected = idsByTopic(clean.runToEnd(clean.config()));

        KafkaJobHarness crashing = new KafkaJobHarness(KAFKA.kafka(), "crashing");
        ImageguardConfig cfg = crashing.config();
        crashing.produce(phase(1));
        JobClient job =
                crashing.start(
                        cfg,
                        s ->
                                s.map(new FailOnceWhenArmed(), InputTypes.INPUT)
                                        .name("fails once when armed"));
        // committed dead-letter records prove that a checkpoint completed after phase 1 began
        crashing.awaitOutputs(OutputTopic.DEAD_LETTER, 1);
        ARMED.set(true);
        crashing.produce(phase(2));
        // event-time outputs follow the watermark: first wait for all of them, then until the
        // job has committed all input and no transaction is open, so late duplicates would show
        crashing.awaitOutputs(expected);
        crashing.awaitCaughtUp(job);
        Map<OutputTopic, List<String>> actual = idsByTopic(crashing.readOutputs());
        job.cancel().get();

        assertThat(FAILED).as("the injected failure happened").isTrue();
        assertThat(expected.get(OutputTopic.DEAD_LETTER)).hasSize(240);
        assertThat(expected.get(OutputTopic.FIRST_PUBLISH)).hasSize(100);
        assertThat(expected.get(OutputTopic.THEFT_FLAGS)).hasSize(20);
        assertThat(actual).isEqualTo(expected);
    }
}
