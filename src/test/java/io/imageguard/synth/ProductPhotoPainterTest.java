package io.imageguard.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brachtendorf.jimagehash.hash.Hash;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProductPhotoPainterTest {
    private static final int PHOTOS = 200;
    private final PHash64 hasher = new PHash64();

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void sameSeedsPaintTheSamePixels() {
        BufferedImage a = ProductPhotoPainter.paint(42, 7, 300);
        BufferedImage b = ProductPhotoPainter.paint(42, 7, 300);
        assertThat(pixels(b)).isEqualTo(pixels(a));
        assertThat(pixels(ProductPhotoPainter.paint(42, 8, 300))).isNotEqualTo(pixels(a));
    }

    @Test
    void longSideIsAsRequestedAndAspectsVary() {
        boolean square = false;
        boolean landscape = false;
        boolean portrait = false;
        for (long seed = 0; seed < 30; seed++) {
            BufferedImage img = ProductPhotoPainter.paint(seed, seed, 400);
            assertThat(Math.max(img.getWidth(), img.getHeight())).isEqualTo(400);
            square |= img.getWidth() == img.getHeight();
            landscape |= img.getWidth() > img.getHeight();
            portrait |= img.getWidth() < img.getHeight();
        }
        assertThat(square && landscape && portrait).isTrue();
    }

    /**
     * Measured over these 200 photos (seeds 1000..1199 with shots 5000..5199, 19,900 pairs):
     * minimum 9 bits (11 at 800 px), 0.1% of pairs at 16 or less, 1% at 21 or less, median 32 (what
     * independent random bits give). Copy thresholds for pHash-64 sit around 8-10 bits; the few
     * close pairs are two small dark objects on studio white, as alike as such real photos are. The
     * bounds below leave a little room for font and rendering differences between JDKs.
     */
    @Test
    void randomPhotosArePerceptuallyFarApart() {
        Hash[] hashes = new Hash[PHOTOS];
        for (int i = 0; i < PHOTOS; i++) {
            hashes[i] = hasher.hash(ProductPhotoPainter.paint(1000 + i, 5000 + i, 400));
        }
        int[] distances = new int[PHOTOS * (PHOTOS - 1) / 2];
        int k = 0;
        for (int i = 0; i < PHOTOS; i++) {
            for (int j = i + 1; j < PHOTOS; j++) {
                distances[k++] = PHash64.distance(hashes[i], hashes[j]);
            }
        }
        Arrays.sort(distances);
        assertThat(distances[0]).isGreaterThanOrEqualTo(7);
        assertThat(distances[distances.length / 100]).isGreaterThanOrEqualTo(18);
        assertThat(distances[distances.length / 2]).isBetween(28, 36);
    }

    /**
     * Another shot of the same product differs to pHash as much as another product does (measured:
     * minimum 25 bits over these 50 products, median 36). A re-shoot is hard for a local-feature
     * verifier (same object), not for the global hash.
     */
    @Test
    void anotherShotOfTheSameProductIsAnotherPhoto() {
        int min = Integer.MAX_VALUE;
        for (int i = 0; i < 50; i++) {
            Hash a = hasher.hash(ProductPhotoPainter.paint(2000 + i, 1, 400));
            Hash b = hasher.hash(ProductPhotoPainter.paint(2000 + i, 2, 400));
            min = Math.min(min, PHash64.distance(a, b));
        }
        assertThat(min).isGreaterThanOrEqualTo(16);
    }
}
