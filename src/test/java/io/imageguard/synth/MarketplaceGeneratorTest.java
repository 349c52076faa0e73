package io.imageguard.synth;

import static org.assertj.core.api.Assertions.assertThat;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's output against the contract README, read by hand: field names, types, enums,
 * instants; and its ground truth against its own events and files.
 */
class MarketplaceGeneratorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ROLES =
            Set.of("MAIN", "CAROUSEL", "DETAIL", "SKU", "WHITE_BACKGROUND", "SCENE");
    private static final Set<String> MODES = Set.of("NOTIFY", "AUTO_COMPLAIN", "OFF");
    private static final Map<String, String> TOPIC_OF =
            Map.of(
                    "LISTING_PUBLISHED", "listings",
                    "LISTING_UPDATED", "listings",
                    "LISTING_REMOVED", "listings",
                    "COMPLAINT_FILED", "complaints",
                    "ACCUSED_RESPONSE", "complaints",
                    "COMPLAINT_WITHDRAWN", "complaints",
                    "PROTECTION_ENROLLED", "protection",
                    "LICENSE_GRANTED", "protection",
                    "LICENSE_REVOKED", "protection");
    private static final String[] COMPLAINT_KEYS = {
        "complaintId", "complainantId", "accusedSellerId", "accusedListingId"
    };
    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    private static final Duration DISORDER = Duration.ofHours(3);

    @TempDir static Path dir;
    private static MarketplaceGenerator.Config config;
    private static MarketplaceGenerator.Result result;
    private static List<JsonNode> events;

    @BeforeAll
    static void generate() throws IOException {
        // Full-size photos, so complaint originals are the size real camera files are.
        config =
                MarketplaceGenerator.Config.builder(dir.resolve("photos"))
                        .seed(5)
                        .sellers(14)
                        .listings(18)
                        .complaints(16)
                        .thiefShare(0.2)
                        .maliciousShare(0.4)
                        .start(START)
                        .days(20)
                        .maxDisorder(DISORDER)
                        .build();
        result = new MarketplaceGenerator(config).generate();
        events = result.events().stream().map(e -> parse(e.json())).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }

    private static Stream<JsonNode> ofType(String type) {
        return events.stream().filter(e -> e.get("type").asText().equals(type));
    }

    @Test
    void sameConfigGivesTheSameEventsAndFilesByteForByte(@TempDir Path other) throws IOException {
        MarketplaceGenerator.Builder small =
                MarketplaceGenerator.Config.builder(other)
                        .sellers(8)
                        .listings(8)
                        .complaints(6)
                        .photoSide(160);
        List<GeneratedEvent> first = new MarketplaceGenerator(small.build()).generate().events();
        Map<Path, byte[]> files = files(other);
        List<GeneratedEvent> second = new MarketplaceGenerator(small.build()).generate().events();
        assertThat(second).isEqualTo(first);
        Map<Path, byte[]> again = files(other);
        assertThat(again.keySet()).isEqualTo(files.keySet());
        for (Path p : files.keySet()) {
            assertThat(again.get(p)).as(p.toString()).isEqualTo(files.get(p));
        }
        List<GeneratedEvent> otherSeed =
                new MarketplaceGenerator(small.seed(2).build()).generate().events();
        assertThat(otherSeed).isNotEqualTo(first);
    }

    private static Map<Path, byte[]> files(Path root) throws IOException {
        Map<Path, byte[]> out = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p), Files.readAllBytes(p));
            }
        }
        return out;
    }

    @Test
    void everyEventHasTheContractsCommonFields() {
        Set<String> ids = new HashSet<>();
        assertThat(result.events()).isNotEmpty();
        for (GeneratedEvent ge : result.events()) {
            JsonNode e = parse(ge.json());
            String type = e.get("type").asText();
            assertThat(TOPIC_OF).containsKey(type);
            assertThat(ge.topic()).isEqualTo(TOPIC_OF.get(type));
            assertThat(e.get("eventId").isTextual()).isTrue();
            assertThat(ids.add(e.get("eventId").asText())).as("unique eventId").isTrue();
            assertThat(ge.eventId()).isEqualTo(e.get("eventId").asText());
            Instant t = instant(e.get("eventTime"));
            assertThat(ge.eventTime()).isEqualTo(t);
            assertThat(t).isBetween(START, START.plus(Duration.ofDays(20)));
            assertThat(ge.json()).doesNotContain("\n");
        }
        // The plan has every kind of event.
        assertThat(events.stream().map(e -> e.get("type").asText()).distinct())
                .containsExactlyInAnyOrderElementsOf(TOPIC_OF.keySet());
    }

    /** ISO-8601 UTC with a Z, e.g. 2026-03-01T10:00:00Z, as the README's examples write it. */
    private static Instant instant(JsonNode n) {
        assertThat(n.isTextual()).isTrue();
        assertThat(n.asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        return DateTimeFormatter.ISO_INSTANT.parse(n.asText(), Instant::from);
    }

    private static void text(JsonNode e, String... fields) {
        for (String f : fields) {
            assertThat(e.has(f)).as(e + " has " + f).isTrue();
            assertThat(e.get(f).isTextual()).as(e + " " + f + " is a string").isTrue();
            assertThat(e.get(f).asText()).isNotBlank();
        }
    }

    @Test
    void listingEventsCarryTheirFieldsAndImages() {
        ofType("LISTING_REMOVED").forEach(e -> text(e, "listingId", "sellerId"));
        Stream.concat(ofType("LISTING_PUBLISHED"), ofType("LISTING_UPDATED"))
                .forEach(
                        e -> {
                            text(e, "listingId", "sellerId");
                            assertThat(e.get("images").isArray()).isTrue();
                            assertThat(e.get("images")).isNotEmpty();
                            for (JsonNode img : e.get("images")) {
                                text(img, "imageId", "role", "url");
                                assertThat(ROLES).contains(img.get("role").asText());
                                assertThat(img.get("url").asText()).startsWith("file:///");
                                if (img.has("watermarkId")) {
                                    text(img, "watermarkId");
                                }
                            }
                        });
    }

    @Test
    void complaintEventsCarryTheirFieldsAndPhotos() {
        ofType("COMPLAINT_FILED")
                .forEach(
                        e -> {
                            text(e, COMPLAINT_KEYS);
                            text(e, "origin");
                            assertThat(e.get("complainantIsSeller").isBoolean()).isTrue();
                            assertThat(e.get("faceModelShown").isBoolean()).isTrue();
                            assertThat(e.get("modelProofProvided").isBoolean()).isTrue();
                            assertThat(e.get("origin").asText()).isIn("MANUAL", "AUTO_PROTECTION");
                            photo(e.get("original"));
                            if (e.has("behindTheScenes")) {
                                assertThat(e.get("behindTheScenes").isArray()).isTrue();
                                e.get("behindTheScenes").forEach(MarketplaceGeneratorTest::photo);
                            }
                            if (e.has("complainantWatermarkId")) {
                                text(e, "complainantWatermarkId");
                            }
                        });
        ofType("ACCUSED_RESPONSE")
                .forEach(
                        e -> {
                            text(e, COMPLAINT_KEYS);
                            photo(e.get("original"));
                        });
        ofType("COMPLAINT_WITHDRAWN").forEach(e -> text(e, COMPLAINT_KEYS));
    }

    private static void photo(JsonNode p) {
        assertThat(p.isObject()).isTrue();
        text(p, "url");
        assertThat(p.get("url").asText()).startsWith("file:///");
        if (p.has("format")) {
            assertThat(p.get("format").asText()).isEqualTo("JPEG");
        }
        if (p.has("byteSize")) {
            assertThat(p.get("byteSize").isIntegralNumber()).isTrue();
            assertThat(p.get("byteSize").asLong()).isPositive();
        }
        if (p.has("exif")) {
            JsonNode x = p.get("exif");
            assertThat(x.isObject()).isTrue();
            x.fieldNames()
                    .forEachRemaining(
                            f -> assertThat(f).isIn("make", "model", "captureTime", "software"));
            if (x.has("captureTime")) {
                instant(x.get("captureTime"));
            }
        }
    }

    @Test
    void protectionEventsCarryTheirFields() {
        ofType("PROTECTION_ENROLLED")
                .forEach(
                        e -> {
                            text(e, "sellerId", "mode");
                            assertThat(MODES).contains(e.get("mode").asText());
                        });
        Stream.concat(ofType("LICENSE_GRANTED"), ofType("LICENSE_REVOKED"))
                .forEach(e -> text(e, "ownerSellerId", "licenseeSellerId"));
    }

    @Test
    void disorderStaysWithinTheBound() {
        Instant latest = Instant.MIN;
        boolean disordered = false;
        for (GeneratedEvent e : result.events()) {
            if (e.eventTime().isBefore(latest)) {
                disordered = true;
                assertThat(Duration.between(e.eventTime(), latest)).isLessThanOrEqualTo(DISORDER);
            } else {
                latest = e.eventTime();
            }
        }
        assertThat(disordered).as("some events arrive out of order").isTrue();
    }

    @Test
    void everyFileUrlPointsToAnExistingJpeg() throws IOException {
        Set<String> urls = new HashSet<>();
        for (GeneratedEvent e : result.events()) {
            var m = Pattern.compile("\"url\":\"([^\"]+)\"").matcher(e.json());
            while (m.find()) {
                urls.add(m.group(1));
            }
        }
        assertThat(urls).isNotEmpty();
        for (String url : urls) {
            Path p = Path.of(URI.create(url));
            assertThat(p).exists().startsWith(config.photoDir());
            try (var in = Files.newInputStream(p)) {
                assertThat(in.readNBytes(3)).containsExactly(0xFF, 0xD8, 0xFF);
            }
        }
    }

    @Test
    void everyCopyComesAfterItsOwnersPublishedImage() {
        Map<String, Instant> publishedImage = new HashMap<>();
        Map<String, String> sellerOfListing = new HashMap<>();
        ofType("LISTING_PUBLISHED")
                .forEach(
                        e -> {
                            sellerOfListing.put(
                                    e.get("listingId").asText(), e.get("sellerId").asText());
                            for (JsonNode img : e.get("images")) {
                                publishedImage.putIfAbsent(
                                        img.get("imageId").asText(), instant(e.get("eventTime")));
                            }
                        });
        GroundTruth truth = result.truth();
        assertThat(truth.copies()).isNotEmpty();
        assertThat(truth.copies().stream().filter(GroundTruth.Copy::theft)).isNotEmpty();
        assertThat(truth.copies().stream().filter(GroundTruth.Copy::licensed)).isNotEmpty();
        for (GroundTruth.Copy c : truth.copies()) {
            Instant owner = publishedImage.get(c.ownerImageId());
            Instant suspect = publishedImage.get(c.suspectImageId());
            assertThat(owner).as(c.toString()).isNotNull();
            assertThat(suspect).as(c.toString()).isNotNull();
            assertThat(owner).isBefore(suspect);
            assertThat(owner.toString()).isEqualTo(c.ownerPublishedAt());
            assertThat(sellerOfListing.get(c.ownerListingId())).isEqualTo(c.ownerSellerId());
            assertThat(sellerOfListing.get(c.suspectListingId())).isEqualTo(c.suspectSellerId());
            assertThat(c.theft()).isEqualTo(!c.licensed() && !c.sameSeller());
            if (c.theft() && !truth.distributors().contains(c.suspectSellerId())) {
                assertThat(truth.thieves()).contains(c.suspectSellerId());
            }
            if (!c.edit().equals("none")) {
                assertThat(PhotoEdit.byId(c.edit()).stress()).isEqualTo(c.stress());
            }
        }
    }

    @Test
    void foundedComplaintsTargetRealCopiesWithHonestOriginals() throws Exception {
        Map<String, JsonNode> filed = new HashMap<>();
        ofType("COMPLAINT_FILED").forEach(e -> filed.put(e.get("complaintId").asText(), e));
        assertThat(result.truth().complaints()).hasSize(filed.size());
        assertThat(result.truth().complaints().stream().filter(c -> c.founded())).isNotEmpty();
        assertThat(result.truth().complaints().stream().filter(c -> c.abusive())).isNotEmpty();
        for (GroundTruth.ComplaintTruth c : result.truth().complaints()) {
            JsonNode e = filed.get(c.complaintId());
            assertThat(e.get("complainantId").asText()).isEqualTo(c.complainantId());
            assertThat(e.get("accusedListingId").asText()).isEqualTo(c.accusedListingId());
            if (c.founded()) {
                assertThat(
                                result.truth().copies().stream()
                                        .filter(GroundTruth.Copy::theft)
                                        .anyMatch(
                                                x ->
                                                        x.suspectListingId()
                                                                        .equals(
                                                                                c
                                                                                        .accusedListingId())
                                                                && (x.ownerSellerId()
                                                                                .equals(
                                                                                        c
                                                                                                .complainantId())
                                                                        || !c
                                                                                .complainantIsSeller())))
                        .as(c.toString())
                        .isTrue();
                honestFile(e.get("original"), publishedAt(c.accusedListingId()));
            } else {
                assertThat(result.truth().abusiveComplainants()).contains(c.complainantId());
                cheat(c.kind(), e.get("original"), publishedAt(c.accusedListingId()));
            }
        }
    }

    private static Instant publishedAt(String listingId) {
        return ofType("LISTING_PUBLISHED")
                .filter(e -> e.get("listingId").asText().equals(listingId))
                .map(e -> instant(e.get("eventTime")))
                .findFirst()
                .orElseThrow();
    }

    /** C2's facts hold, and the declaration is exactly what the file holds. */
    private static void honestFile(JsonNode photo, Instant accusedPublished) throws Exception {
        Path p = Path.of(URI.create(photo.get("url").asText()));
        long size = Files.size(p);
        assertThat(photo.get("byteSize").asLong()).isEqualTo(size);
        assertThat(size).isBetween(204_800L, 20_971_520L);
        Metadata md = ImageMetadataReader.readMetadata(p.toFile());
        ExifIFD0Directory ifd0 = md.getFirstDirectoryOfType(ExifIFD0Directory.class);
        JsonNode exif = photo.get("exif");
        assertThat(ifd0.getString(ExifIFD0Directory.TAG_MAKE)).isEqualTo(exif.get("make").asText());
        assertThat(ifd0.getString(ExifIFD0Directory.TAG_MODEL))
                .isEqualTo(exif.get("model").asText());
        Instant captured =
                md.getFirstDirectoryOfType(ExifSubIFDDirectory.class).getDateOriginal().toInstant();
        assertThat(captured).isEqualTo(instant(exif.get("captureTime")));
        assertThat(captured).isBefore(accusedPublished);
        if (exif.has("software")) {
            assertThat(exif.get("software").asText())
                    .isEqualTo(ifd0.getString(ExifIFD0Directory.TAG_SOFTWARE))
                    .doesNotContainIgnoringCase("photoshop");
        }
    }

    /** Each kind of cheat leaves in its file the trace its kind names. */
    private static void cheat(String kind, JsonNode photo, Instant accusedPublished)
            throws Exception {
        Path p = Path.of(URI.create(photo.get("url").asText()));
        Metadata md = ImageMetadataReader.readMetadata(p.toFile());
        ExifIFD0Directory ifd0 = md.getFirstDirectoryOfType(ExifIFD0Directory.class);
        switch (kind) {
            case "competitor-no-copy" -> honestFile(photo, accusedPublished);
            case "downloaded-from-accused" -> {
                assertThat(ifd0.containsTag(ExifIFD0Directory.TAG_MAKE)).isFalse();
                assertThat(ifd0.getString(ExifIFD0Directory.TAG_SOFTWARE)).isNotBlank();
            }
            case "too-small" -> assertThat(Files.size(p)).isLessThan(204_800L);
            case "captured-after" ->
                    assertThat(
                                    md.getFirstDirectoryOfType(ExifSubIFDDirectory.class)
                                            .getDateOriginal()
                                            .toInstant())
                            .isAfter(accusedPublished);
            default -> throw new AssertionError("unknown kind " + kind);
        }
    }

    @Test
    void groundTruthRoundTripsThroughJson() throws IOException {
        Path file = dir.resolve("truth.json");
        result.truth().write(file);
        assertThat(GroundTruth.read(file)).isEqualTo(result.truth());
        Path lines = dir.resolve("events.jsonl");
        result.writeEvents(lines);
        assertThat(Files.readAllLines(lines))
                .containsExactlyElementsOf(
                        result.events().stream().map(GeneratedEvent::json).toList());
    }
}
