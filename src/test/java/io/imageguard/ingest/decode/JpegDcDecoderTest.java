package io.imageguard.ingest.decode;

import static io.imageguard.ingest.decode.TestJpegs.blockMeansOfFullDecode;
import static io.imageguard.ingest.decode.TestJpegs.jpeg;
import static io.imageguard.ingest.decode.TestJpegs.meanAbsoluteError;
import static io.imageguard.ingest.decode.TestJpegs.photoLike;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.imageguard.ingest.decode.ImageDecodeException.Reason;
import io.imageguard.ingest.decode.TestJpegs.Encoding;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JpegDcDecoderTest {

    private static final long NO_LIMIT = Long.MAX_VALUE;

    /**
     * Luma is exact at 1/8 scale up to rounding (DC quantization error / 8, the reference IDCT's
     * rounding, clamping): mean error well under one level. Chroma in 4:4:4 and gray likewise.
     * Subsampled chroma is known only per 16x16 (or 16x8) area from the DC alone, so where colour
     * changes sharply inside that area the 8x8 chroma differs; the fixture's hard-edged saturated
     * shapes make that worst case measure 1-8.5 levels per channel, hence the loose bound.
     */
    private static final double LUMA_BOUND = 0.75;

    private static final double FULL_CHROMA_BOUND = 1.0;
    private static final double SUBSAMPLED_CHROMA_BOUND = 10.0;

    static Stream<Arguments> encodings() {
        Encoding e = Encoding.baseline420();
        return Stream.of(
                Arguments.of("4:2:0 640x480", 640, 480, e, false),
                Arguments.of("4:2:0 333x257", 333, 257, e, false),
                Arguments.of("4:4:4 333x257", 333, 257, e.sampling(1, 1), false),
                Arguments.of("4:2:2 250x171", 250, 171, e.sampling(2, 1), false),
                Arguments.of("4:4:0 250x171", 250, 171, e.sampling(1, 2), false),
                Arguments.of("gray 201x99", 201, 99, e, true),
                Arguments.of("4:2:0 restarts 517x301", 517, 301, e.restarts(3), false),
                Arguments.of("4:4:4 restarts 99x77", 99, 77, e.sampling(1, 1).restarts(1), false),
                Arguments.of("progressive 4:2:0 400x300", 400, 300, e.asProgressive(), false),
                Arguments.of(
                        "progressive 4:4:4 123x45",
                        123,
                        45,
                        e.sampling(1, 1).asProgressive(),
                        false),
                Arguments.of("progressive gray 210x97", 210, 97, e.asProgressive(), true),
                Arguments.of(
                        "progressive restarts 300x200",
                        300,
                        200,
                        e.asProgressive().restarts(5),
                        false),
                Arguments.of("Adobe RGB 4:4:4 150x90", 150, 90, e.asAdobeRgb(), false),
                Arguments.of("q50 4:2:0 320x240", 320, 240, e.quality(0.5f), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void dcDecodeMatchesBlockMeansOfFullDecode(
            String name, int w, int h, Encoding enc, boolean gray) throws Exception {
        BufferedImage src = photoLike(w, h, name.hashCode());
        byte[] bytes = jpeg(gray ? TestJpegs.toGray(src) : src, enc);

        // The fixture really has what the case names: DRI segment, progressive frame.
        assertThat(hasMarker(bytes, 0xDD)).isEqualTo(enc.restartInterval() > 0);
        assertThat(hasMarker(bytes, 0xC2)).isEqualTo(enc.progressive());
        assertThat(adobeTransform(bytes)).isEqualTo(enc.adobeRgb() ? 0 : -1);

        BufferedImage dc = JpegDcDecoder.decode(bytes, NO_LIMIT);

        assertThat(dc.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(dc.getWidth()).isEqualTo((w + 7) / 8);
        assertThat(dc.getHeight()).isEqualTo((h + 7) / 8);
        double[] mae = meanAbsoluteError(dc, blockMeansOfFullDecode(bytes));
        assertThat(mae[3]).as("luma MAE").isLessThan(LUMA_BOUND);
        boolean subsampled = !gray && (enc.lumaH() > 1 || enc.lumaV() > 1);
        double bound = subsampled ? SUBSAMPLED_CHROMA_BOUND : FULL_CHROMA_BOUND;
        for (int c = 0; c < 3; c++) {
            assertThat(mae[c]).as("MAE of channel %d", c).isLessThan(bound);
        }
    }

    @Test
    void uniformBlocksComeOutAsTheirOwnLevels() throws Exception {
        // 8x8 blocks of flat gray: the DC alone carries each block, AC is all zero.
        int[] levels = {0, 17, 64, 128, 129, 200, 254, 255, 90, 33, 180, 7};
        BufferedImage img = new BufferedImage(32, 24, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                img.getRaster().setSample(x, y, 0, levels[(y / 8) * 4 + x / 8]);
            }
        }
        byte[] bytes = jpeg(img, Encoding.baseline420().quality(1.0f));

        BufferedImage dc = JpegDcDecoder.decode(bytes, NO_LIMIT);

        assertThat(dc.getWidth()).isEqualTo(4);
        assertThat(dc.getHeight()).isEqualTo(3);
        for (int i = 0; i < levels.length; i++) {
            int p = dc.getRGB(i % 4, i / 4);
            int level = levels[i];
            assertThat(p & 0xFF).as("block %d", i).isCloseTo(level, within(1));
            assertThat(p >> 8 & 0xFF).isEqualTo(p & 0xFF);
            assertThat(p >> 16 & 0xFF).isEqualTo(p & 0xFF);
        }
    }

    @Test
    void flatColourSurvivesYccRoundTrip() throws Exception {
        BufferedImage img = new BufferedImage(48, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 48; x++) {
                img.setRGB(x, y, 0xC86432); // (200, 100, 50)
            }
        }
        for (Encoding enc :
                new Encoding[] {
                    Encoding.baseline420(), Encoding.baseline420().asProgressive().sampling(1, 1)
                }) {
            BufferedImage dc = JpegDcDecoder.decode(jpeg(img, enc), NO_LIMIT);
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 6; x++) {
                    int p = dc.getRGB(x, y);
                    // q90 DC steps of 3-5 and two 8-bit colour conversions: within 3 levels.
                    assertThat(p >> 16 & 0xFF).isCloseTo(200, within(3));
                    assertThat(p >> 8 & 0xFF).isCloseTo(100, within(3));
                    assertThat(p & 0xFF).isCloseTo(50, within(3));
                }
            }
        }
    }

    @Test
    void headerIsReadWithoutDecoding() throws Exception {
        byte[] bytes = jpeg(photoLike(101, 37, 1), Encoding.baseline420().asProgressive());

        JpegDcDecoder.Header header = JpegDcDecoder.readHeader(bytes);

        assertThat(header).isEqualTo(new JpegDcDecoder.Header(101, 37, 3, true));
    }

    @Test
    void entropyOnlyDecodeCountsEveryBlockOfTheMcuGrid() throws Exception {
        // 4:2:0, 64x48: 4x3 MCUs of 16x16, each 4 luma + 1 Cb + 1 Cr block = 72 blocks.
        byte[] bytes = jpeg(photoLike(64, 48, 2), Encoding.baseline420());

        assertThat(JpegDcDecoder.decodeEntropyOnly(bytes, NO_LIMIT)).isEqualTo(72);
    }

    @Test
    void frameOverThePixelLimitIsRefusedBeforeDecoding() {
        byte[] bytes = jpeg(photoLike(64, 48, 3), Encoding.baseline420());
        setFrameSize(bytes, 60000, 60000); // 3.6 G pixels: allocating would fail

        assertThatThrownBy(() -> JpegDcDecoder.decode(bytes, 40_000_000L))
                .isInstanceOfSatisfying(
                        ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS));
    }

    @Test
    void twelveBitAndFourComponentFramesAreUnsupported() {
        byte[] twelveBit = jpeg(photoLike(16, 16, 4), Encoding.baseline420());
        twelveBit[sofOffset(twelveBit) + 4] = 12;
        assertReason(twelveBit, Reason.UNSUPPORTED);

        // A hand-made CMYK frame header: SOI, SOF0 8-bit 16x16 with 4 components.
        byte[] cmyk = {
            (byte) 0xFF,
            (byte) 0xD8,
            (byte) 0xFF,
            (byte) 0xC0,
            0,
            20,
            8,
            0,
            16,
            0,
            16,
            4,
            1,
            0x11,
            0,
            2,
            0x11,
            0,
            3,
            0x11,
            0,
            4,
            0x11,
            0
        };
        assertReason(cmyk, Reason.UNSUPPORTED);
    }

    @Test
    void truncatedAndForeignDataAreRefused() {
        byte[] bytes = jpeg(photoLike(200, 120, 5), Encoding.baseline420());

        assertReason(Arrays.copyOf(bytes, bytes.length / 2), Reason.TRUNCATED);
        assertReason(Arrays.copyOf(bytes, sofOffset(bytes)), Reason.TRUNCATED);
        assertReason(
                "GIF89a not a jpeg".getBytes(StandardCharsets.US_ASCII), Reason.UNKNOWN_FORMAT);
    }

    private static void assertReason(byte[] bytes, Reason reason) {
        assertThatThrownBy(() -> JpegDcDecoder.decode(bytes, NO_LIMIT))
                .isInstanceOfSatisfying(
                        ImageDecodeException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /** Offset of the SOF0/SOF2 marker's 0xFF. */
    static int sofOffset(byte[] b) {
        for (int i = 2; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && ((b[i + 1] & 0xFF) == 0xC0 || (b[i + 1] & 0xFF) == 0xC2)) {
                return i;
            }
        }
        throw new AssertionError("no SOF");
    }

    private static boolean hasMarker(byte[] b, int marker) {
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == marker) {
                return true;
            }
        }
        return false;
    }

    /** The transform byte of an Adobe APP14 segment, -1 without one. */
    private static int adobeTransform(byte[] b) {
        for (int i = 0; i + 16 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF
                    && (b[i + 1] & 0xFF) == 0xEE
                    && new String(b, i + 4, 5, StandardCharsets.US_ASCII).equals("Adobe")) {
                return b[i + 15] & 0xFF;
            }
        }
        return -1;
    }

    private static void setFrameSize(byte[] b, int w, int h) {
        int p = sofOffset(b) + 5; // FF Cx, length(2), precision(1)
        b[p] = (byte) (h >> 8);
        b[p + 1] = (byte) h;
        b[p + 2] = (byte) (w >> 8);
        b[p + 3] = (byte) w;
    }
}
