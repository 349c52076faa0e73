package io.imageguard.ingest;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static BufferedImage filled(Color c, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
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
        assertThat(hasher.hash(jpeg(filled(Color.WHITE, 800, 800))).lowInformation()).isTrue();
        assertThat(hasher.hash(jpeg(filled(new Color(200, 30, 30), 640, 480))).lowInformation())
                .isTrue();
    }

    @Test
    void tinyPhotosCarryTooLittleToMatch() throws Exception {
        assertThat(hasher.hash(jpeg(blocks(3, 24, 24))).lowInformation()).isTrue();
    }

    @Test
    void deviationOfAHalfBlackHalfWhiteImageIsHalfTheRange() {
        BufferedImage img = filled(Color.BLACK, 32, 32);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 16, 32);
        g.dispose();
        // luma 0 and 255 in equal parts: standard deviation 127.5
        assertThat(PhotoHasher.luminanceDeviation(img))
                .isCloseTo(127.5, org.assertj.core.data.Offset.offset(0.01));
    }
}
