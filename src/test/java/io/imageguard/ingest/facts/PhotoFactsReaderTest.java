package io.imageguard.ingest.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.imageguard.ingest.TestImages;
import io.imageguard.ingest.fetch.ImageFormat;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PhotoFactsReaderTest {

    @Test
    void readsCameraFieldsAndZonedCaptureTimeFromExif() {
        byte[] bytes =
                new TestImages.ExifJpeg()
                        .make("Canon")
                        .model("Canon EOS R6")
                        .software("Firmware Version 1.8.1")
                        .dateTimeOriginal("2026:02:27 09:00:00")
                        .offsetTimeOriginal("+01:00")
                        .build();

        PhotoFacts facts = PhotoFactsReader.read(bytes, ImageFormat.JPEG);

        assertThat(facts.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(facts.byteSize()).isEqualTo(bytes.length);
        assertThat(facts.make()).isEqualTo("Canon");
        assertThat(facts.model()).isEqualTo("Canon EOS R6");
        assertThat(facts.software()).isEqualTo("Firmware Version 1.8.1");
        // 09:00 at +01:00 is 08:00 UTC.
        assertThat(facts.captureTime()).isEqualTo(Instant.parse("2026-02-27T08:00:00Z"));
        assertThat(facts.notes()).isEmpty();
    }

    @Test
    void captureTimeWithoutOffsetIsReadAsUtcAndSaysSo() {
        byte[] bytes =
                new TestImages.ExifJpeg()
                        .make("NIKON CORPORATION")
                        .model("NIKON Z 6")
                        .dateTimeOriginal("2025:12:31 23:59:58")
                        .build();

        PhotoFacts facts = PhotoFactsReader.read(bytes, ImageFormat.JPEG);

        assertThat(facts.captureTime()).isEqualTo(Instant.parse("2025-12-31T23:59:58Z"));
        assertThat(facts.software()).isNull();
        assertThat(facts.notes()).anyMatch(n -> n.contains("read as UTC"));
    }

    @Test
    void editingSoftwareIsReported() {
        byte[] bytes = new TestImages.ExifJpeg().software("Adobe Photoshop 25.0 (Windows)").build();

        PhotoFacts facts = PhotoFactsReader.read(bytes, ImageFormat.JPEG);

        assertThat(facts.software()).isEqualTo("Adobe Photoshop 25.0 (Windows)");
        assertThat(facts.make()).isNull();
        assertThat(facts.captureTime()).isNull();
    }

    @Test
    void unreadableDateTimeOriginalLeavesCaptureTimeMissingWithANote() {
        byte[] bytes =
                new TestImages.ExifJpeg()
                        .make("Canon")
                        .dateTimeOriginal("0000:00:00 00:00:00")
                        .build();

        PhotoFacts facts = PhotoFactsReader.read(bytes, ImageFormat.JPEG);

        assertThat(facts.make()).isEqualTo("Canon");
        assertThat(facts.captureTime()).isNull();
        assertThat(facts.notes()).anyMatch(n -> n.contains("DateTimeOriginal"));
    }

    @Test
    void photoWithoutExifHasNoCameraFields() {
        byte[] bytes = TestImages.png(20, 10);

        PhotoFacts facts = PhotoFactsReader.read(bytes, ImageFormat.PNG);

        assertThat(facts.format()).isEqualTo(ImageFormat.PNG);
        assertThat(facts.byteSize()).isEqualTo(bytes.length);
        assertThat(facts.make()).isNull();
        assertThat(facts.model()).isNull();
        assertThat(facts.captureTime()).isNull();
        assertThat(facts.software()).isNull();
        assertThat(facts.notes()).contains("no EXIF camera fields");
    }

    @Test
    void corruptMetadataNeverThrows() {
        byte[] valid = new TestImages.ExifJpeg().make("Canon").model("EOS R6").build();
        // Point the TIFF header's IFD0 offset far beyond the segment, and cut the file short.
        byte[] corrupt = Arrays.copyOf(valid, 40);
        corrupt[16] = 0x7F;

        PhotoFacts facts = PhotoFactsReader.read(corrupt, ImageFormat.JPEG);

        assertThat(facts.byteSize()).isEqualTo(40);
        assertThat(facts.make()).isNull();
        assertThat(facts.notes()).isNotEmpty();
    }
}
