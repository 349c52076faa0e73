package io.imageguard.ingest.decode;

import static io.imageguard.ingest.decode.TestJpegs.jpeg;
import static io.imageguard.ingest.decode.TestJpegs.photoLike;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imageguard.ingest.decode.ImageDecodeException.Reason;
import io.imageguard.ingest.decode.TestJpegs.Encoding;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ReducedImageDecoderTest {

    private final ReducedImageDecoder decoder = new ReducedImageDecoder(10_000_000L);

    @Test
    void largeJpegComesOutAtTheTargetShorterSideCloseToAFullDecode() throws Exception {
        byte[] bytes = jpeg(photoLike(1600, 1200, 11), Encoding.baseline420());

        BufferedImage out = decoder.decode(bytes, 100); // 1200 / 8 >= 100: the DC path

        // 1600 * 100 / 1200 = 133.3
        assertThat(out.getWidth()).isEqualTo(133);
        assertThat(out.getHeight()).isEqualTo(100);
        assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        BufferedImage reference = AreaAverage.resize(fullDecode(bytes), 133, 100);
        // Block means are exact in luma; area-averaging them instead of the pixels only
        // differs where an output pixel's edge cuts a block: well under one level on average.
        assertThat(lumaMeanAbsoluteError(out, reference)).isLessThan(1.0);
    }

    @Test
    void smallJpegIsDecodedInFullAndAreaAveraged() throws Exception {
        byte[] bytes = jpeg(photoLike(300, 200, 12), Encoding.baseline420());

        BufferedImage out = decoder.decode(bytes, 180); // 200 * 7 / 8 < 180: ImageIO

        assertThat(lumaMeanAbsoluteError(out, AreaAverage.resize(fullDecode(bytes), 270, 180)))
                .isZero();
    }

    @Test
    void mediumJpegsAreDecodedAtQuarterOrHalfScaleCloseToAFullDecode() throws Exception {
        byte[] bytes = jpeg(photoLike(900, 600, 14), Encoding.baseline420());

        // 600 / 8 < 100 <= 600 / 4: the 1/4 path; 600 / 4 < 300 <= 600 / 2: the 1/2 path.
        for (int target : new int[] {100, 300}) {
            BufferedImage out = decoder.decode(bytes, target);

            assertThat(out.getWidth()).isEqualTo(target * 3 / 2);
            assertThat(out.getHeight()).isEqualTo(target);
            BufferedImage reference = AreaAverage.resize(fullDecode(bytes), target * 3 / 2, target);
            // The reduced IDCT drops the frequencies the area mean would alias in: under one
            // level on average, as for the JPEG decoder's own tests.
            assertThat(lumaMeanAbsoluteError(out, reference))
                    .as("target %d", target)
                    .isLessThan(1.0);
        }
    }

    /**
     * 3/8, 5/8, 6/8, 7/8: sample x is the low frequencies at the centre of its 8/N pixels, not
     * their mean, so edges come out a little sharper than an area average's; measured luma MAE
     * 0.50-0.76 against the area-averaged full decode on this fixture.
     */
    @Test
    void mediumJpegsAreDecodedAtTheOtherEighthsCloseToAFullDecode() throws Exception {
        byte[] bytes = jpeg(photoLike(900, 600, 14), Encoding.baseline420());

        // 600 * N / 8 for N = 3, 5, 6, 7: each target is exactly one scale's size.
        for (int target : new int[] {225, 375, 450, 525}) {
            BufferedImage out = decoder.decode(bytes, target);

            int width = (target * 3 + 1) / 2; // 900 * target / 600 rounded half up
            assertThat(out.getWidth()).isEqualTo(width);
            assertThat(out.getHeight()).isEqualTo(target);
            BufferedImage reference = AreaAverage.resize(fullDecode(bytes), width, target);
            assertThat(lumaMeanAbsoluteError(out, reference))
                    .as("target %d", target)
                    .isLessThan(1.0);
        }
    }

    @Test
    void progressiveJpegThatNeedsMoreThanAnEighthGoesToImageIo() throws Exception {
        byte[] bytes = jpeg(photoLike(900, 600, 15), Encoding.baseline420().asProgressive());

        BufferedImage out = decoder.decode(bytes, 100); // 600 / 8 < 100; 600 / (4 * 100) = 1

        assertThat(lumaMeanAbsoluteError(out, AreaAverage.resize(fullDecode(bytes), 150, 100)))
                .isZero();
    }

    @Test
    void scaleIsTheLargestReductionThatKeepsTheTarget() {
        // In eighths. 4000x3000 at 512: 3000/8 = 375 too small, 3000 * 2/8 = 750 fits.
        assertThat(scale(4000, 3000, false, 512)).isEqualTo(2);
        assertThat(scale(3000, 3000, false, 512)).isEqualTo(2);
        assertThat(scale(5000, 4200, false, 512)).isEqualTo(1); // 4200/8 = 525
        assertThat(scale(1000, 1000, false, 512)).isEqualTo(5); // 500 at 4/8, 625 at 5/8
        assertThat(scale(800, 800, false, 512)).isEqualTo(6); // 500 at 5/8, 600 at 6/8
        assertThat(scale(1200, 1100, false, 512)).isEqualTo(4); // 412 at 3/8, 550 at 4/8
        assertThat(scale(1100, 1024, false, 512)).isEqualTo(4); // exactly 512 at 4/8
        assertThat(scale(1400, 1366, false, 512)).isEqualTo(3); // 1366 * 3/8 = 512.25
        assertThat(scale(700, 600, false, 512)).isEqualTo(7); // 525 at 7/8
        assertThat(scale(600, 584, false, 512)).isZero(); // 511 at 7/8: ImageIO
        // Whole samples only: 1023 * 4/8 = 511.5, its last sample half padding.
        assertThat(scale(1023, 1023, false, 512)).isEqualTo(5);
        // Progressive: only the DC path, else ImageIO.
        assertThat(scale(5000, 4200, true, 512)).isEqualTo(1);
        assertThat(scale(4000, 3000, true, 512)).isZero();
        assertThat(scale(1000, 1000, true, 512)).isZero();
    }

    private static int scale(int w, int h, boolean progressive, int target) {
        return ReducedImageDecoder.jpegScale(
                new JpegDcDecoder.Header(w, h, 3, progressive), target);
    }

    @Test
    void imagesSmallerThanTheTargetAreNotEnlarged() throws Exception {
        BufferedImage out =
                decoder.decode(jpeg(photoLike(60, 40, 13), Encoding.baseline420()), 100);

        assertThat(out.getWidth()).isEqualTo(60);
        assertThat(out.getHeight()).isEqualTo(40);
    }

    @Test
    void pngIsSubsampledThenAveragedAndItsTransparencyTurnsWhite() throws Exception {
        BufferedImage img = new BufferedImage(2000, 1000, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 1000, 1000); // right half stays fully transparent
        g.dispose();

        BufferedImage out = decoder.decode(encode(img, "png"), 50);

        assertThat(out.getWidth()).isEqualTo(100);
        assertThat(out.getHeight()).isEqualTo(50);
        assertThat(out.getRGB(10, 25) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(out.getRGB(90, 25) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void gifAndBmpAreDecoded() throws Exception {
        BufferedImage img = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, 400, 300);
        g.dispose();

        for (String format : new String[] {"gif", "bmp"}) {
            BufferedImage out = decoder.decode(encode(img, format), 30);
            assertThat(out.getWidth()).as(format).isEqualTo(40);
            assertThat(out.getHeight()).as(format).isEqualTo(30);
            assertThat(out.getRGB(20, 15) & 0xFFFFFF).as(format).isEqualTo(0x0000FF);
        }
    }

    @Test
    void pixelLimitIsCheckedFromTheHeaderForEveryFormat() throws Exception {
        ReducedImageDecoder small = new ReducedImageDecoder(100_000);
        BufferedImage img = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);

        assertReason(small, encode(img, "png"), Reason.TOO_MANY_PIXELS);
        assertReason(small, jpeg(img, Encoding.baseline420()), Reason.TOO_MANY_PIXELS);
    }

    @Test
    void unknownAndUnreadableFormatsAreRefused() {
        assertReason(
                decoder,
                "<html>not an image</html>".getBytes(StandardCharsets.US_ASCII),
                Reason.UNKNOWN_FORMAT);
        // WebP by its magic bytes, but no ImageIO WebP reader on this classpath.
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII);
        assertReason(decoder, webp, Reason.UNSUPPORTED);
        byte[] png = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, 40);
        assertReason(decoder, png, Reason.CORRUPT);
    }

    @Test
    void jpegTheDcDecoderRefusesFallsBackToImageIo() throws Exception {
        byte[] whole = jpeg(photoLike(800, 800, 14), Encoding.baseline420());
        byte[] cut = Arrays.copyOf(whole, whole.length * 3 / 4);
        assertThatThrownBy(() -> JpegDcDecoder.decode(cut, Long.MAX_VALUE))
                .isInstanceOf(ImageDecodeException.class);

        // ImageIO, like libjpeg, decodes what is there and fills the rest.
        BufferedImage out = decoder.decode(cut, 64);

        assertThat(out.getWidth()).isEqualTo(64);
        assertThat(out.getHeight()).isEqualTo(64);
    }

    private static void assertReason(ReducedImageDecoder d, byte[] bytes, Reason reason) {
        assertThatThrownBy(() -> d.decode(bytes, 32))
                .isInstanceOfSatisfying(
                        ImageDecodeException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).isTrue();
        return out.toByteArray();
    }

    private static BufferedImage fullDecode(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    private static double lumaMeanAbsoluteError(BufferedImage a, BufferedImage b) {
        assertThat(a.getWidth()).isEqualTo(b.getWidth());
        assertThat(a.getHeight()).isEqualTo(b.getHeight());
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                sum += Math.abs(luma(a.getRGB(x, y)) - luma(b.getRGB(x, y)));
            }
        }
        return sum / (a.getWidth() * a.getHeight());
    }

    private static double luma(int p) {
        return 0.299 * (p >> 16 & 255) + 0.587 * (p >> 8 & 255) + 0.114 * (p & 255);
    }
}
