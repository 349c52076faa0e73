package io.imageguard.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imageguard.ingest.facts.PhotoFacts;
import io.imageguard.ingest.fetch.ImageFetchPolicy;
import io.imageguard.ingest.fetch.ImageFormat;
import io.imageguard.records.RejectReason;
import io.imageguard.synth.ImageOps;
import io.imageguard.synth.JpegExif;
import io.imageguard.synth.ProductPhotoPainter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhotoIngestorTest {

    private static PhotoIngestor ingestor(Path root) {
        ImageFetchPolicy policy = ImageFetchPolicy.builder().fileRoots(List.of(root)).build();
        return new PhotoIngestor(
                policy,
                2,
                Duration.ofMinutes(1),
                100,
                new PhotoHasher(100_000_000, 4.0, 512),
                true);
    }

    @Test
    void readsFactsAndHashOfACameraOriginal(@TempDir Path dir) throws Exception {
        Instant shot = Instant.parse("2026-02-27T08:00:00Z");
        byte[] jpeg =
                JpegExif.insert(
                        ImageOps.jpeg(ProductPhotoPainter.paint(7), 0.95f),
                        "Canon",
                        "EOS R6",
                        null,
                        shot);
        Path file = Files.write(dir.resolve("original.jpg"), jpeg);

        try (PhotoIngestor ingestor = ingestor(dir)) {
            PhotoIngestor.Ingested ingested = ingestor.ingest(file.toUri().toString()).get();

            assertThat(ingested.hash()).startsWith("dct64-w:");
            assertThat(ingested.lowInformation()).isFalse();
            PhotoFacts facts = ingested.facts();
            assertThat(facts.format()).isEqualTo(ImageFormat.JPEG);
            assertThat(facts.byteSize()).isEqualTo(jpeg.length);
            assertThat(facts.make()).isEqualTo("Canon");
            assertThat(facts.model()).isEqualTo("EOS R6");
            assertThat(facts.captureTime()).isEqualTo(shot);
            assertThat(facts.software()).isNull();
        }
    }

    @Test
    void theSameUrlIsReadOnceWithinTheCacheWindow(@TempDir Path dir) throws Exception {
        Path file =
                Files.write(
                        dir.resolve("p.jpg"), ImageOps.jpeg(ProductPhotoPainter.paint(8), 0.9f));
        try (PhotoIngestor ingestor = ingestor(dir)) {
            PhotoIngestor.Ingested first = ingestor.ingest(file.toUri().toString()).get();
            // replaced on disk: a fetch would now see other bytes, the cache answers as before
            Files.write(file, ImageOps.jpeg(ProductPhotoPainter.paint(9), 0.9f));
            assertThat(ingestor.ingest(file.toUri().toString()).get()).isEqualTo(first);
        }
    }

    @Test
    void refusalsCarryTheirImageReasonCode(@TempDir Path dir) throws Exception {
        Path roots = Files.createDirectories(dir.resolve("roots"));
        Path outside =
                Files.write(
                        dir.resolve("x.jpg"), ImageOps.jpeg(ProductPhotoPainter.paint(1), 0.9f));
        Path garbage = Files.write(roots.resolve("g.jpg"), "garbage".getBytes());
        try (PhotoIngestor ingestor = ingestor(roots)) {
            assertThatThrownBy(() -> ingestor.ingest(outside.toUri().toString()).join())
                    .isInstanceOfSatisfying(
                            CompletionException.class,
                            e ->
                                    assertThat(PhotoIngestor.reasonOf(e))
                                            .isEqualTo(RejectReason.IMAGE_FILE_OUTSIDE_ROOTS));
            assertThatThrownBy(() -> ingestor.ingest(garbage.toUri().toString()).join())
                    .isInstanceOfSatisfying(
                            CompletionException.class,
                            e ->
                                    assertThat(PhotoIngestor.reasonOf(e))
                                            .isEqualTo(RejectReason.IMAGE_NOT_AN_IMAGE));
        }
    }
}
