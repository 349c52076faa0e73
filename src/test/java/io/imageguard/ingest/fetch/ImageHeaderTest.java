package io.imageguard.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.imageguard.ingest.TestImages;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageHeaderTest {

    @ParameterizedTest
    @CsvSource({"jpeg, JPEG", "png, PNG", "gif, GIF", "bmp, BMP"})
    void readsFormatAndSizeOfRealEncodings(String imageIoFormat, ImageFormat expected) {
        byte[] bytes = TestImages.encode(imageIoFormat, 123, 45);

        assertThat(ImageHeader.read(bytes, bytes.length))
                .contains(new ImageHeader(expected, 123, 45));
    }

    @Test
    void findsJpegFrameHeaderAfterExifSegment() {
        byte[] bytes =
                new TestImages.ExifJpeg()
                        .make("Canon")
                        .dateTimeOriginal("2026:01:01 10:00:00")
                        .build();

        assertThat(ImageHeader.read(bytes, bytes.length))
                .contains(new ImageHeader(ImageFormat.JPEG, 32, 24));
    }

    @Test
    void readsHugePngClaimWithoutNeedingTheBody() {
        byte[] bomb = TestImages.pngHeader(100_000, 100_000);

        ImageHeader header = ImageHeader.read(bomb, bomb.length).orElseThrow();

        assertThat(header.pixels()).isEqualTo(10_000_000_000L);
    }

    @Test
    void readsWebpLossyLosslessAndExtendedHeaders() {
        // VP8: frame tag, start code 9d 01 2a, 14-bit width/height little endian.
        byte[] lossy = webp("VP8 ", 0, 0, 0, 0x9D, 0x01, 0x2A, 0x40, 0x01, 0xF0, 0x00);
        // VP8L: 0x2f, then (width-1) in 14 bits and (height-1) in the next 14: 640x480.
        int bits = (640 - 1) | (480 - 1) << 14;
        byte[] lossless =
                webp(
                        "VP8L",
                        0x2F,
                        bits & 0xFF,
                        bits >> 8 & 0xFF,
                        bits >> 16 & 0xFF,
                        bits >>> 24,
                        0,
                        0,
                        0,
                        0,
                        0);
        // VP8X: flags, 3 reserved, canvas (width-1) and (height-1) in 24 bits: 5000x3000.
        byte[] extended = webp("VP8X", 0, 0, 0, 0, 0x87, 0x13, 0x00, 0xB7, 0x0B, 0x00);

        assertThat(ImageHeader.read(lossy, lossy.length))
                .contains(new ImageHeader(ImageFormat.WEBP, 320, 240));
        assertThat(ImageHeader.read(lossless, lossless.length))
                .contains(new ImageHeader(ImageFormat.WEBP, 640, 480));
        assertThat(ImageHeader.read(extended, extended.length))
                .contains(new ImageHeader(ImageFormat.WEBP, 5000, 3000));
    }

    @Test
    void truncatedOrZeroSizedHeadersAreUnreadable() {
        byte[] png = TestImages.png(10, 10);
        byte[] jpeg = TestImages.jpeg(10, 10);
        byte[] zeroWidth = TestImages.pngHeader(0, 10);

        assertThat(ImageHeader.read(png, 20)).isEmpty();
        assertThat(ImageHeader.read(jpeg, 30)).isEmpty();
        assertThat(ImageHeader.read(zeroWidth, zeroWidth.length)).isEmpty();
    }

    @Test
    void bytesWithoutSignatureAreNoImage() {
        byte[] html = "<html><body>not a photo</body></html>".getBytes(StandardCharsets.US_ASCII);
        byte[] twoLetters =
                Arrays.copyOf(
                        "BMxxxxxxxxxxxxxxxxxxxxxxxxxxx".getBytes(StandardCharsets.US_ASCII), 30);

        assertThat(ImageFormat.sniff(html, html.length)).isEmpty();
        assertThat(ImageFormat.sniff(twoLetters, twoLetters.length)).isEmpty();
        assertThat(ImageHeader.read(html, html.length)).isEmpty();
    }

    private static byte[] webp(String chunk, int... payload) {
        byte[] bytes = new byte[30];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
        System.arraycopy("WEBP".getBytes(StandardCharsets.US_ASCII), 0, bytes, 8, 4);
        System.arraycopy(chunk.getBytes(StandardCharsets.US_ASCII), 0, bytes, 12, 4);
        for (int i = 0; i < payload.length; i++) {
            bytes[20 + i] = (byte) payload[i];
        }
        return bytes;
    }
}
