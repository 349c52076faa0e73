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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link JpegDcDecoder#decode(byte[], long, int)} at 1/4 and 1/2 scale. */
class JpegScaledDecodeTest {

    private static final long NO_LIMIT = Long.MAX_VALUE;

    /**
     * Against the full ImageIO decode area-averaged over the same d x d pixels. Luma: the reduced
     * IDCT is the exact box mean of the kept low frequencies, so the error is what the dropped
     * frequencies would alias into the mean (the fixture's per-pixel noise of +-4 levels puts
     * energy there) plus rounding: measured 0.3-0.9, bound 1. Full-resolution chroma likewise,
     * measured up to 1.5 on the 99x77 image whose edge blocks weigh most. Subsampled chroma:
     * ImageIO upsamples per pixel (libjpeg's triangle filter), this decoder interpolates the
     * reduced chroma samples; they differ along the fixture's hard saturated edges, measured up to
     * 4.3 levels (the DC path's bound is 10).
     */
    private static final double LUMA_BOUND = 1.0;

    private static final double FULL_CHROMA_BOUND = 2.0;
    private static final double SUBSAMPLED_CHROMA_BOUND = 5.0;

    static Stream<Arguments> encodings() {
        Encoding e = Encoding.baseline420();
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int d : new int[] {4, 2}) {
            cases.add(Arguments.of("4:2:0 640x480", d, 640, 480, e, false));
            cases.add(Arguments.of("4:2:0 333x257", d, 333, 257, e, false));
            cases.add(Arguments.of("4:4:4 333x257", d, 333, 257, e.sampling(1, 1), false));
            cases.add(Arguments.of("4:2:2 250x171", d, 250, 171, e.sampling(2, 1), false));
            cases.add(Arguments.of("gray 201x99", d, 201, 99, e, true));
            cases.add(Arguments.of("4:2:0 restarts 517x301", d, 517, 301, e.restarts(3), false));
            cases.add(
                    Arguments.of(
                            "4:4:4 restarts 99x77",
                            d,
                            99,
                            77,
                            e.sampling(1, 1).restarts(1),
                            false));
            cases.add(Arguments.of("Adobe RGB 150x90", d, 150, 90, e.asAdobeRgb(), false));
            cases.add(Arguments.of("q50 4:2:0 320x240", d, 320, 240, e.quality(0.5f), false));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "1/{1} {0}")
    @MethodSource("encodings")
    void reducedDecodeMatchesAreaMeansOfFullDecode(
            String name, int denominator, int w, int h, Encoding enc, boolean gray)
            throws Exception {
        BufferedImage src = photoLike(w, h, name.hashCode());
        byte[] bytes = jpeg(gray ? TestJpegs.toGray(src) : src, enc);

        BufferedImage img = JpegDcDecoder.decode(bytes, NO_LIMIT, denominator);

        assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(img.getWidth()).isEqualTo((w + denominator - 1) / denominator);
        assertThat(img.getHeight()).isEqualTo((h + denominator - 1) / denominator);
        double[] mae = meanAbsoluteError(img, blockMeansOfFullDecode(bytes, denominator));
        assertThat(mae[3]).as("luma MAE").isLessThan(LUMA_BOUND);
        boolean subsampled = !gray && (enc.lumaH() > 1 || enc.lumaV() > 1);
        double bound = subsampled ? SUBSAMPLED_CHROMA_BOUND : FULL_CHROMA_BOUND;
        for (int c = 0; c < 3; c++) {
            assertThat(mae[c]).as("MAE of channel %d", c).isLessThan(bound);
        }
    }

    @Test
    void uniformBlocksComeOutAsTheirOwnLevels() throws Exception {
        // 8x8 blocks of flat gray: every AC coefficient is zero, each block is its level.
        int[] levels = {0, 17, 64, 128, 129, 200, 254, 255, 90, 33, 180, 7};
        BufferedImage img = new BufferedImage(32, 24, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                img.getRaster().setSample(x, y, 0, levels[(y / 8) * 4 + x / 8]);
            }
        }
        byte[] bytes = jpeg(img, Encoding.baseline420().quality(1.0f));
        for (int d : new int[] {4, 2}) {
            BufferedImage out = JpegDcDecoder.decode(bytes, NO_LIMIT, d);
            int n = 8 / d;
            for (int y = 0; y < out.getHeight(); y++) {
                for (int x = 0; x < out.getWidth(); x++) {
                    int p = out.getRGB(x, y);
                    assertThat(p & 0xFF)
                            .as("1/%d at %d,%d", d, x, y)
                            .isCloseTo(levels[(y / n) * 4 + x / n], within(1));
                }
            }
        }
    }

    @Test
    void horizontalRampKeepsItsSlopeInsideEachBlock() throws Exception {
        // Gray ramp of 2 levels per pixel from 60: the mean of pixels d*x .. d*x+d-1 is
        // 60 + 2 * (d*x + (d-1)/2); only the first AC coefficients carry the slope in a block.
        BufferedImage img = new BufferedImage(64, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 64; x++) {
                img.getRaster().setSample(x, y, 0, 60 + 2 * x);
            }
        }
        byte[] bytes = jpeg(img, Encoding.baseline420().quality(1.0f));
        for (int d : new int[] {4, 2}) {
            BufferedImage out = JpegDcDecoder.decode(bytes, NO_LIMIT, d);
            for (int x = 0; x < out.getWidth(); x++) {
                double want = 60 + 2 * (d * x + (d - 1) / 2.0);
                // A ramp also has odd frequencies u >= 8/d, dropped here: they move the mean a
                // little (a DC-only decode would be off by up to 7 levels at block edges).
                assertThat((double) (out.getRGB(x, 1) & 0xFF))
                        .as("1/%d column %d", d, x)
                        .isCloseTo(want, within(1.5));
            }
        }
    }

    @Test
    void progressiveIsRefusedBelowEighthScale() {
        byte[] bytes = jpeg(photoLike(64, 48, 5), Encoding.baseline420().asProgressive());

        assertThatThrownBy(() -> JpegDcDecoder.decode(bytes, NO_LIMIT, 4))
                .isInstanceOfSatisfying(
                        ImageDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED));
    }

    @Test
    void onlyEighthQuarterAndHalfAreScales() {
        byte[] bytes = jpeg(photoLike(64, 48, 6), Encoding.baseline420());

        assertThatThrownBy(() -> JpegDcDecoder.decode(bytes, NO_LIMIT, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JpegDcDecoder.decode(bytes, NO_LIMIT, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A flat-colour JPEG is flat at every scale, and the colour is the one a full decode gives:
     * every block is its DC alone, whose level (DC / 8, rounded half up) the N x N transforms keep
     * by their normalisation, and libjpeg's colour conversion is the same fixed point. Odd sizes,
     * so partial blocks and MCUs are in it; gray, 4:2:0, 4:4:4, 4:2:2 and 4:4:0.
     */
    @Test
    void flatColourDecodesToThatColourAtEveryScale() throws Exception {
        int[] colours = {0x000000, 0xFFFFFF, 0x808080, 0xC83214, 0x1E90FF, 0x7FFF00, 0x3A0B52};
        Encoding e = Encoding.baseline420();
        Encoding[] encodings = {e, e.sampling(1, 1), e.sampling(2, 1), e.sampling(1, 2)};
        for (int colour : colours) {
            for (int i = 0; i <= encodings.length; i++) {
                boolean gray = i == encodings.length;
                BufferedImage src = new BufferedImage(53, 37, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 37; y++) {
                    for (int x = 0; x < 53; x++) {
                        src.setRGB(x, y, colour);
                    }
                }
                byte[] bytes =
                        jpeg(
                                gray ? TestJpegs.toGray(src) : src,
                                (gray ? e : encodings[i]).quality(0.9f));
                // The raster, not getRGB: a gray image's getRGB maps through a linear colour space.
                java.awt.image.Raster full =
                        javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes))
                                .getRaster();
                int want =
                        gray
                                ? full.getSample(26, 18, 0) * 0x010101
                                : full.getSample(26, 18, 0) << 16
                                        | full.getSample(26, 18, 1) << 8
                                        | full.getSample(26, 18, 2);
                for (int c = 16; c >= 0 && !gray; c -= 8) {
                    assertThat(want >> c & 0xFF)
                            .as("full decode of %06x", colour)
                            .isCloseTo(colour >> c & 0xFF, within(3));
                }
                for (int eighths = 1; eighths <= 7; eighths++) {
                    BufferedImage out = JpegDcDecoder.decodeScaled(bytes, NO_LIMIT, eighths);
                    assertThat(out.getWidth()).isEqualTo((53 * eighths + 7) / 8);
                    assertThat(out.getHeight()).isEqualTo((37 * eighths + 7) / 8);
                    for (int y = 0; y < out.getHeight(); y++) {
                        for (int x = 0; x < out.getWidth(); x++) {
                            int got = out.getRGB(x, y) & 0xFFFFFF;
                            if (got != want) {
                                assertThat(Integer.toHexString(got))
                                        .as(
                                                "%06x %s at %d/8, pixel %d,%d",
                                                colour,
                                                gray ? "gray" : "sampling " + i,
                                                eighths,
                                                x,
                                                y)
                                        .isEqualTo(Integer.toHexString(want));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void progressiveIsRefusedAtEveryScaleAboveAnEighth() {
        byte[] bytes = jpeg(photoLike(64, 48, 5), Encoding.baseline420().asProgressive());

        for (int eighths = 2; eighths <= 7; eighths++) {
            int n = eighths;
            assertThatThrownBy(() -> JpegDcDecoder.decodeScaled(bytes, NO_LIMIT, n))
                    .isInstanceOfSatisfying(
                            ImageDecodeException.class,
                            ex -> assertThat(ex.reason()).isEqualTo(Reason.UNSUPPORTED));
        }
    }

    @Test
    void eighthsAreOneToSeven() {
        byte[] bytes = jpeg(photoLike(64, 48, 6), Encoding.baseline420());

        assertThatThrownBy(() -> JpegDcDecoder.decodeScaled(bytes, NO_LIMIT, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JpegDcDecoder.decodeScaled(bytes, NO_LIMIT, 8))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void frameOverThePixelLimitIsRefusedAtEveryScale() {
        byte[] bytes = jpeg(photoLike(64, 48, 7), Encoding.baseline420());

        for (int d : new int[] {4, 2}) {
            assertThatThrownBy(() -> JpegDcDecoder.decode(bytes, 64 * 48 - 1, d))
                    .isInstanceOfSatisfying(
                            ImageDecodeException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS));
        }
        for (int n : new int[] {3, 5, 6, 7}) {
            assertThatThrownBy(() -> JpegDcDecoder.decodeScaled(bytes, 64 * 48 - 1, n))
                    .isInstanceOfSatisfying(
                            ImageDecodeException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS));
        }
    }
}
