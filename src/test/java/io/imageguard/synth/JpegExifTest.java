package io.imageguard.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JpegExifTest {
    private static final Instant CAPTURED = Instant.parse("2026-02-27T08:00:00Z");

    private static byte[] plainJpeg() {
        return ImageOps.jpeg(PhotoEditTest.testPhoto(), 0.8f);
    }

    @Test
    void metadataExtractorReadsWhatWasWritten() throws Exception {
        byte[] jpeg = JpegExif.insert(plainJpeg(), "Canon", "EOS R6", "Ver.1.8.1", CAPTURED);
        Metadata md = ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg));
        ExifIFD0Directory ifd0 = md.getFirstDirectoryOfType(ExifIFD0Directory.class);
        assertThat(ifd0.getString(ExifIFD0Directory.TAG_MAKE)).isEqualTo("Canon");
        assertThat(ifd0.getString(ExifIFD0Directory.TAG_MODEL)).isEqualTo("EOS R6");
        assertThat(ifd0.getString(ExifIFD0Directory.TAG_SOFTWARE)).isEqualTo("Ver.1.8.1");
        ExifSubIFDDirectory exif = md.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        assertThat(exif.getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL))
                .isEqualTo("2026:02:27 08:00:00");
        assertThat(exif.getDateOriginal().toInstant()).isEqualTo(CAPTURED);
        assertThat(md.hasErrors()).isFalse();
    }

    @Test
    void leftOutFieldsAreAbsentAndTheImageStillDecodes() throws Exception {
        byte[] jpeg = JpegExif.insert(plainJpeg(), "Sony", null, null, null);
        Metadata md = ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg));
        ExifIFD0Directory ifd0 = md.getFirstDirectoryOfType(ExifIFD0Directory.class);
        assertThat(ifd0.getString(ExifIFD0Directory.TAG_MAKE)).isEqualTo("Sony");
        assertThat(ifd0.containsTag(ExifIFD0Directory.TAG_MODEL)).isFalse();
        assertThat(md.getFirstDirectoryOfType(ExifSubIFDDirectory.class)).isNull();
        BufferedImage img = ImageOps.decode(jpeg);
        assertThat(img.getWidth()).isEqualTo(400);
        assertThat(img.getHeight()).isEqualTo(300);
    }

    @Test
    void theSegmentIsSmall() {
        byte[] plain = plainJpeg();
        byte[] withExif = JpegExif.insert(plain, "Canon", "EOS R6", null, CAPTURED);
        // Two IFDs of a few entries plus strings: well under 300 bytes.
        assertThat(withExif.length - plain.length).isBetween(100, 300);
    }

    @Test
    void refusesNonJpegBytes() {
        assertThatThrownBy(() -> JpegExif.insert(new byte[] {1, 2, 3, 4}, "a", "b", null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
