package io.imageguard.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.imageguard.ingest.decode.ReducedImageDecoder;
import io.imageguard.ingest.decode.TestJpegs;
import io.imageguard.match.AreaAverage;
import io.imageguard.match.PhotoHash;
import io.imageguard.match.PhotoInput;
import io.imageguard.match.PhotoMatcher;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PhotoHasherTest {
    private final PhotoHasher hasher = new PhotoHasher(50_000_000, 4.0, 512);

    private static byte[] jpeg(BufferedImage img) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    private static BufferedImage blocks(long seed, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        Random rnd = new Random(seed);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(rnd.nextInt(0xffffff)));
            g.fillRect(
                    rnd.nextInt(w),
                    rnd.nextInt(h),
                    20 + rnd.nextInt(w / 2),
                    20 + rnd.nextInt(h / 2));
        }
        g.dispose();
        return img;
    }

    @Test
    void hashTextIsSixteenHexDigitsAndStableForTheSameBytes() throws Exception {
        byte[] photo = jpeg(blocks(1, 800, 600));
        PhotoHasher.Result a = hasher.hash(photo);
        assertThat(a.hash()).startsWith("dct64-w:").contains(",dct64-t:").contains(",dct256-w:");
        assertThat(hasher.hash(photo)).isEqualTo(a);
        assertThat(a.lowInformation()).isFalse();
        assertThat(hasher.hash(jpeg(blocks(2, 800, 600))).hash()).isNotEqualTo(a.hash());
    }

    @Test
    void blankAndSingleColourPhotosCarryTooLittleToMatch() throws Exception {
        assertThat(hasher.hash(jpeg(TestJpegs.filled(Color.WHITE, 800, 800))).lowInformation())
                .isTrue();
        assertThat(
                        hasher.hash(jpeg(TestJpegs.filled(new Color(200, 30, 30), 640, 480)))
                                .lowInformation())
                .isTrue();
    }

    @Test
    void tinyPhotosCarryTooLittleToMatch() throws Exception {
        assertThat(hasher.hash(jpeg(blocks(3, 24, 24))).lowInformation()).isTrue();
    }

    /** The route before luma and chroma were taken from the JPEG's planes: RGB, reduced. */
    private static PhotoInput viaRgb(byte[] jpeg, int shorterSide) throws Exception {
        return PhotoInput.of(
                AreaAverage.reduce(
                        new ReducedImageDecoder(50_000_000).decode(jpeg, shorterSide), 512));
    }

    @Test
    void aJpegReadFromItsPlanesHashesAsItsRgbPixelsDo() throws Exception {
        // 1600x1200 needs 384 on its shorter side for 512 on the longer: decoded at 1/2 (600)
        byte[] photo = jpeg(blocks(4, 1600, 1200));
        assertThat(new ReducedImageDecoder(50_000_000).decodeForHashing(photo, 384).planes())
                .isNotNull();
        PhotoInput planes = hasher.input(photo);
        PhotoInput rgb = viaRgb(photo, 384);
        assertThat(planes.width()).isEqualTo(512).isEqualTo(rgb.width());
        assertThat(planes.height()).isEqualTo(384).isEqualTo(rgb.height());
        PhotoMatcher matcher = new PhotoMatcher();
        PhotoHash a = matcher.hash(rgb);
        PhotoHash b = matcher.hash(planes);
        // The same photo measured twice: Y against the luma of rounded RGB, so only
        // coefficients within a rounding step of zero may differ.
        assertThat(hamming(a.verifyHash("w", false), b.verifyHash("w", false))).isLessThan(8);
        assertThat(matcher.compare(a, b).match()).isTrue();
    }

    @Test
    void coloursReadFromChromaPlanesStillTellTwoProductsApart() throws Exception {
        // The same shape on the same white ground, red and then blue: luminance alike, colour not.
        byte[] red = jpeg(product(new Color(200, 40, 40), 1600, 1600));
        byte[] blue = jpeg(product(new Color(40, 40, 200), 1600, 1600));
        PhotoMatcher matcher = new PhotoMatcher();
        PhotoMatcher.Comparison c = matcher.compare(hasher.views(red), hasher.views(blue));
        assertThat(c.match()).isFalse();
        assertThat(c.colourSetAside()).isTrue();
        // and each agrees with its own RGB route
        assertThat(matcher.compare(matcher.hash(viaRgb(red, 512)), hasher.views(red)).match())
                .isTrue();
    }

    @Test
    void anRgbCodedJpegHasNoPlanesAndIsHashedFromItsPixels() throws Exception {
        byte[] photo =
                TestJpegs.jpeg(
                        blocks(6, 1600, 1200), TestJpegs.Encoding.baseline420().asAdobeRgb());
        assertThat(new ReducedImageDecoder(50_000_000).decodeForHashing(photo, 384).planes())
                .isNull();
        // no planes, so the RGB route: the very same hashes as decoding to RGB by hand
        assertThat(hasher.views(photo).toText().toString())
                .isEqualTo(new PhotoMatcher().hash(viaRgb(photo, 384)).toText().toString());
    }

    @Test
    void aGreyJpegHasGreyColourSignatures() throws Exception {
        BufferedImage grey = new BufferedImage(1600, 1600, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.drawImage(blocks(5, 1600, 1600), 0, 0, null);
        g.dispose();
        byte[] photo = jpeg(grey);
        // grey means no colour at all: every signature byte 0
        assertThat(hasher.views(photo).toText().toString()).contains("chroma-w:" + "00".repeat(18));
    }

    private static BufferedImage product(Color colour, int w, int h) {
        BufferedImage img = TestJpegs.filled(Color.WHITE, w, h);
        Graphics2D g = img.createGraphics();
        g.setColor(colour);
        g.fillOval(w / 4, h / 5, w / 2, 3 * h / 5);
        g.setColor(colour.darker());
        g.fillRect(w / 3, h / 3, w / 3, h / 8);
        g.dispose();
        return img;
    }

    private static int hamming(long[] a, long[] b) {
        int d = 0;
        for (int i = 0; i < a.length; i++) {
            d += Long.bitCount(a[i] ^ b[i]);
        }
        return d;
    }
}
