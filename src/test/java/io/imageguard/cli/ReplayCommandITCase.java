package io.imageguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageguard.records.Json;
import io.imageguard.records.OutputTopic;
import io.imageguard.testing.MiniClusters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code imageguard replay --events FILE --out DIR}, as back-tests and acceptance suites call it.
 */
class ReplayCommandITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.parallelismTwo();

    private static final List<String> EXAMPLES =
            List.of(
                    "protection-enrolled.json",
                    "license-granted.json",
                    "listing-published.json",
                    "listing-updated.json",
                    "complaint-filed.json",
                    "accused-response.json",
                    "complaint-withdrawn.json",
                    "listing-removed.json",
                    "license-revoked.json");

    private static List<String> examples() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String name : EXAMPLES) {
            try (InputStream in =
                    ReplayCommandITCase.class.getResourceAsStream("/contract/" + name)) {
                lines.add(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
            }
        }
        return lines;
    }

    private static int replay(Path events, Path out) {
        return ImageguardCli.commandLine()
                .execute(
                        "replay",
                        "--events",
                        events.toString(),
                        "--out",
                        out.toString(),
                        "--set",
                        "state.backend=hashmap");
    }

    private static List<String> read(Path out, OutputTopic topic) throws IOException {
        return Files.readAllLines(out.resolve(topic.logicalName() + ".jsonl"));
    }

    @Test
    void writesEveryOutputFileAndOneDeadLetterForAMalformedLine(@TempDir Path dir)
            throws Exception {
        List<String> lines = examples();
        lines.add(4, "{\"type\":\"COMPLAINT_FILED\", \"eventId\": oops}");
        Path events = Files.write(dir.resolve("events.jsonl"), lines);
        Path out = dir.resolve("out");

        assertThat(replay(events, out)).isZero();

        for (OutputTopic topic : OutputTopic.values()) {
            assertThat(out.resolve(topic.logicalName() + ".jsonl")).exists();
        }
        List<String> deadLetter = read(out, OutputTopic.DEAD_LETTER);
        assertThat(deadLetter).hasSize(1);
        JsonNode rejected = Json.MAPPER.readTree(deadLetter.get(0));
        assertThat(rejected.get("reason").asText()).isEqualTo("NOT_JSON");
        assertThat(rejected.get("payload").asText())
                .isEqualTo("{\"type\":\"COMPLAINT_FILED\", \"eventId\": oops}");
    }

    @Test
    void replayingTheSameEventsTwiceInOneRunChangesNothing(@TempDir Path dir) throws Exception {
        List<String> once = examples();
        once.add("not json at all");
        List<String> twice = new ArrayList<>(once);
        twice.addAll(once);
        Path onceOut = dir.resolve("once");
        Path twiceOut = dir.resolve("twice");

        assertThat(replay(Files.write(dir.resolve("once.jsonl"), once), onceOut)).isZero();
        assertThat(replay(Files.write(dir.resolve("twice.jsonl"), twice), twiceOut)).isZero();

        for (OutputTopic topic : OutputTopic.values()) {
            assertThat(read(twiceOut, topic))
                    .as(topic.logicalName())
                    .isEqualTo(read(onceOut, topic));
        }
        assertThat(read(onceOut, OutputTopic.DEAD_LETTER)).hasSize(1);
    }

    @Test
    void badConfigurationFailsNamingTheKey(@TempDir Path dir) throws Exception {
        Path events = Files.write(dir.resolve("e.jsonl"), examples());
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = ImageguardCli.commandLine();
        cli.setErr(new java.io.PrintWriter(err));

        int status =
                cli.execute(
                        "replay",
                        "--events",
                        events.toString(),
                        "--out",
                        dir.resolve("o").toString(),
                        "--set",
                        "event-time.bogus=1");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("'event-time.bogus'");
    }
}
