package io.imageguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imageguard.records.Json;
import io.imageguard.records.OutputTopic;
import io.imageguard.testing.MiniClusters;
import io.imageguard.testing.TestEvents;
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

    private static final String DRESS = TestEvents.farApartHashes(2).get(0);
    private static final String SHOES = TestEvents.farApartHashes(2).get(1);

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

    /**
     * The contract examples name photos on example.com: an allow-list that leaves it out makes them
     * refused before any DNS lookup, so the tests never reach beyond this machine.
     */
    static final String OFFLINE = "images.allowed-hosts=photos.test.invalid";

    private static int replay(Path events, Path out, String... settings) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "replay",
                                "--events",
                                events.toString(),
                                "--out",
                                out.toString(),
                                "--set",
                                "state.backend=hashmap",
                                "--set",
                                OFFLINE));
        for (String s : settings) {
            args.add("--set");
            args.add(s);
        }
        return ImageguardCli.commandLine().execute(args.toArray(new String[0]));
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
        // the malformed line, and the six example photos on hosts off the allow-list: three
        // listing photos, a complaint's original and behind-the-scenes photo, a response's
        // original
        List<JsonNode> deadLetter = new ArrayList<>();
        for (String line : read(out, OutputTopic.DEAD_LETTER)) {
            deadLetter.add(Json.MAPPER.readTree(line));
        }
        assertThat(deadLetter)
                .extracting(n -> n.get("reason").asText())
                .containsExactlyInAnyOrder(
                        "NOT_JSON",
                        "IMAGE_FORBIDDEN_HOST",
                        "IMAGE_FORBIDDEN_HOST",
                        "IMAGE_FORBIDDEN_HOST",
                        "IMAGE_FORBIDDEN_HOST",
                        "IMAGE_FORBIDDEN_HOST",
                        "IMAGE_FORBIDDEN_HOST");
        JsonNode rejected =
                deadLetter.stream()
                        .filter(n -> n.get("reason").asText().equals("NOT_JSON"))
                        .findFirst()
                        .orElseThrow();
        assertThat(rejected.get("payload").asText())
                .isEqualTo("{\"type\":\"COMPLAINT_FILED\", \"eventId\": oops}");
        assertThat(deadLetter)
                .filteredOn(n -> n.get("reason").asText().startsWith("IMAGE_"))
                .extracting(n -> n.get("sourceTopic").asText())
                .containsExactlyInAnyOrder(
                        "listings",
                        "listings",
                        "listings",
                        "complaints",
                        "complaints",
                        "complaints");
    }

    @Test
    void replayingTheSameEventsTwiceInOneRunChangesNothing(@TempDir Path dir) throws Exception {
        List<String> once = examples();
        once.add("not json at all");
        List<String> twice = new ArrayList<>(once);
        twice.addAll(once);
        Path onceOut = dir.resolve("once");
        Path twiceOut = dir.resolve("twice");

        // The examples span two months (LICENSE_REVOKED is 2026-04-01): with the default 30 days
        // of retention, whether ev-0001's replay comes before or after the watermark passes its
        // expiry depends on when the source emits watermarks, and after it the replay is new by
        // design. A retention longer than the span makes every replay a replay.
        String retention = "input.dedup-retention=90 d";
        assertThat(replay(Files.write(dir.resolve("once.jsonl"), once), onceOut, retention))
                .isZero();
        assertThat(replay(Files.write(dir.resolve("twice.jsonl"), twice), twiceOut, retention))
                .isZero();

        for (OutputTopic topic : OutputTopic.values()) {
            assertThat(read(twiceOut, topic))
                    .as(topic.logicalName())
                    .isEqualTo(read(onceOut, topic));
        }
        // the bad line and the six example photos, each once
        assertThat(read(onceOut, OutputTopic.DEAD_LETTER)).hasSize(7);
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

    /**
     * A LISTING_PUBLISHED event with one MAIN photo, {@code <listing>/1}, carrying {@code hash}.
     */
    private static String listing(
            String eventId, String time, String listingId, String seller, String hash) {
        return io.imageguard.testing.TestEvents.listingPublished(
                eventId, java.time.Instant.parse(time), listingId, seller, listingId + "/1", hash)[
                1];
    }

    /**
     * S-1 publishes first, S-9 copies a day later, S-5 (S-1's licensee) too; S-7 publishes another
     * photo. Expected by T1–T3: one first-publish record per photo, one flag, against S-9 only.
     */
    private static List<String> marketplace() {
        return List.of(
                "{\"type\":\"LICENSE_GRANTED\",\"eventId\":\"g1\",\"eventTime\":\"2026-02-01T00:00:00Z\",\"ownerSellerId\":\"S-1\",\"licenseeSellerId\":\"S-5\"}",
                listing("p1", "2026-03-01T10:00:00Z", "L-1", "S-1", DRESS),
                listing("p2", "2026-03-01T10:05:00Z", "L-7", "S-7", SHOES),
                listing("p3", "2026-03-02T10:00:00Z", "L-9", "S-9", DRESS),
                listing("p4", "2026-03-02T11:00:00Z", "L-5", "S-5", DRESS),
                listing("p5", "2026-03-02T12:00:00Z", "L-8", "S-1", DRESS));
    }

    @Test
    void registersFirstPublishersAndFlagsOnlyTheUnlicensedCopy(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        assertThat(replay(Files.write(dir.resolve("m.jsonl"), marketplace()), out)).isZero();

        List<String> firstPublish = read(out, OutputTopic.FIRST_PUBLISH);
        assertThat(firstPublish).hasSize(2);
        assertThat(Json.MAPPER.readTree(firstPublish.get(0)).get("sellerId").asText())
                .isEqualTo("S-1");
        assertThat(Json.MAPPER.readTree(firstPublish.get(1)).get("sellerId").asText())
                .isEqualTo("S-7");
        List<String> flags = read(out, OutputTopic.THEFT_FLAGS);
        assertThat(flags).hasSize(1);
        JsonNode flag = Json.MAPPER.readTree(flags.get(0));
        assertThat(flag.get("suspectSellerId").asText()).isEqualTo("S-9");
        assertThat(flag.get("ownerSellerId").asText()).isEqualTo("S-1");
        assertThat(flag.get("ownerPublishedAt").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(flag.get("action").asText()).isEqualTo("FLAGGED");
    }

    @Test
    void outOfOrderInputWithinTheBoundGivesIdenticalFiles(@TempDir Path dir) throws Exception {
        List<String> ordered = marketplace();
        List<String> shuffled = new ArrayList<>(ordered);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        // the whole history spans about 29 days: within a 60-day bound every order is allowed
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");

        assertThat(
                        ImageguardCli.commandLine()
                                .execute(
                                        "replay",
                                        "--events",
                                        Files.write(dir.resolve("o.jsonl"), ordered).toString(),
                                        "--out",
                                        a.toString(),
                                        "--set",
                                        "event-time.max-out-of-orderness=60 d",
                                        "--set",
                                        OFFLINE))
                .isZero();
        assertThat(
                        ImageguardCli.commandLine()
                                .execute(
                                        "replay",
                                        "--events",
                                        Files.write(dir.resolve("s.jsonl"), shuffled).toString(),
                                        "--out",
                                        b.toString(),
                                        "--set",
                                        "event-time.max-out-of-orderness=60 d",
                                        "--set",
                                        OFFLINE))
                .isZero();

        assertThat(shuffled).isNotEqualTo(ordered);
        for (OutputTopic topic : OutputTopic.values()) {
            assertThat(Files.readString(b.resolve(topic.logicalName() + ".jsonl")))
                    .as(topic.logicalName())
                    .isEqualTo(Files.readString(a.resolve(topic.logicalName() + ".jsonl")));
        }
        assertThat(read(b, OutputTopic.THEFT_FLAGS)).hasSize(1);
    }
}
