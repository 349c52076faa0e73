package io.imageguard.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PhotoEditTest {
    private static final int W = 400;
    private static final int H = 300;

    /** A 400x300 test photo: a gradient with a few shapes, so every edit has content to change. */
    static BufferedImage testPhoto() {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(40, 90, 160), W, H, new Color(230, 200, 120)));
        g.fillRect(0, 0, W, H);
        g.setColor(new Color(200, 30, 40));
        g.fillOval(60, 50, 150, 180);
        g.setColor(new Color(20, 140, 60));
        g.fillRect(250, 80, 100, 160);
        g.dispose();
        return img;
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @ParameterizedTest
    @EnumSource(PhotoEdit.class)
    void everyEditReturnsASaneNewImageAndLeavesItsInputAlone(PhotoEdit edit) {
        BufferedImage src = testPhoto();
        int[] before = pixels(src);
        BufferedImage out = edit.apply(src, new SplittableRandom(7));
        assertThat(out).isNotNull().isNotSameAs(src);
        assertThat(out.getWidth()).isBetween(W / 2, W * 3);
        assertThat(out.getHeight()).isBetween(H / 2, H * 4);
        assertThat(pixels(src)).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(PhotoEdit.class)
    void sameSeedGivesTheSamePixels(PhotoEdit edit) {
        BufferedImage a = edit.apply(testPhoto(), new SplittableRandom(11));
        BufferedImage b = edit.apply(testPhoto(), new SplittableRandom(11));
        assertThat(b.getWidth()).isEqualTo(a.getWidth());
        assertThat(b.getHeight()).isEqualTo(a.getHeight());
        assertThat(pixels(b)).isEqualTo(pixels(a));
    }

    @ParameterizedTest
    @EnumSource(PhotoEdit.class)
    void everyEditChangesThePhoto(PhotoEdit edit) {
        for (long seed = 0; seed < 5; seed++) {
            BufferedImage out = edit.apply(testPhoto(), new SplittableRandom(seed));
            boolean sameSize = out.getWidth() == W && out.getHeight() == H;
            if (sameSize) {
                int[] a = pixels(testPhoto());
                int[] b = pixels(out);
                long differing = 0;
                for (int i = 0; i < a.length; i++) {
                    differing += a[i] != b[i] ? 1 : 0;
                }
                // At least 0.5% of the pixels: the smallest overlay, a 12 px corner text on this
                // 400x300 photo, covers about 1%.
                assertThat(differing).as("seed %d", seed).isGreaterThan(a.length / 200);
            }
        }
    }

    @Test
    void cropsRemoveTheStatedShareOfTheSides() {
        BufferedImage src = testPhoto();
        BufferedImage c5 = PhotoEdit.CROP_5.apply(src, new SplittableRandom(1));
        assertThat(new int[] {c5.getWidth(), c5.getHeight()}).containsExactly(360, 270);
        assertThat(c5.getRGB(0, 0)).isEqualTo(src.getRGB(20, 15));
        BufferedImage c10 = PhotoEdit.CROP_10.apply(src, new SplittableRandom(1));
        assertThat(new int[] {c10.getWidth(), c10.getHeight()}).containsExactly(320, 240);
        Set<String> sizes = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            BufferedImage c = PhotoEdit.CROP_12_ONE_SIDE.apply(src, new SplittableRandom(seed));
            sizes.add(c.getWidth() + "x" + c.getHeight());
        }
        // 12% of 400 = 48, of 300 = 36; the side varies with the seed.
        assertThat(sizes).containsExactlyInAnyOrder("352x300", "400x264");
    }

    @Test
    void letterboxMakesASquareWithThePhotoCentred() {
        BufferedImage out = PhotoEdit.LETTERBOX.apply(testPhoto(), new SplittableRandom(3));
        assertThat(out.getWidth()).isEqualTo(400);
        assertThat(out.getHeight()).isEqualTo(400);
        // Bars are 50 px high above and below; top-left and bottom-left bar pixels agree.
        assertThat(out.getRGB(5, 5)).isEqualTo(out.getRGB(5, 394));
        assertThat(out.getRGB(200, 200)).isEqualTo(testPhoto().getRGB(200, 150));
    }

    @Test
    void mirrorFlipsLeftAndRight() {
        BufferedImage src = testPhoto();
        BufferedImage out = PhotoEdit.MIRROR.apply(src, new SplittableRandom(1));
        for (int y = 0; y < H; y += 37) {
            for (int x = 0; x < W; x += 41) {
                assertThat(out.getRGB(x, y)).isEqualTo(src.getRGB(W - 1 - x, y));
            }
        }
    }

    @Test
    void rotateWithoutCropGrowsToTheBoundingBox() {
        BufferedImage out = PhotoEdit.ROTATE.apply(testPhoto(), new SplittableRandom(1));
        // 400cos3 + 300sin3 = 415.15 -> 416; 400sin3 + 300cos3 = 320.53 -> 321.
        assertThat(out.getWidth()).isEqualTo(416);
        assertThat(out.getHeight()).isEqualTo(321);
        BufferedImage cropped = PhotoEdit.ROTATE_CROP.apply(testPhoto(), new SplittableRandom(1));
        assertThat(cropped.getWidth()).isEqualTo(W);
        assertThat(cropped.getHeight()).isEqualTo(H);
        // No fill colour left in the corners after the crop: the corner is photo, near the
        // blue end of the gradient.
        Color corner = new Color(cropped.getRGB(1, 1));
        assertThat(corner.getBlue()).isGreaterThan(corner.getRed());
    }

    @Test
    void photometricEditsScaleChannelsAsStated() {
        BufferedImage flat = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = flat.createGraphics();
        g.setColor(new Color(100, 200, 40));
        g.fillRect(0, 0, 10, 10);
        g.dispose();
        assertThat(new Color(PhotoEdit.BRIGHTER.apply(flat, new SplittableRandom(1)).getRGB(3, 3)))
                .isEqualTo(new Color(115, 230, 46));
        assertThat(new Color(PhotoEdit.DARKER.apply(flat, new SplittableRandom(1)).getRGB(3, 3)))
                .isEqualTo(new Color(85, 170, 34));
        // luma = 0.299*100 + 0.587*200 + 0.114*40 = 151.86 -> 152
        assertThat(new Color(PhotoEdit.GRAYSCALE.apply(flat, new SplittableRandom(1)).getRGB(3, 3)))
                .isEqualTo(new Color(152, 152, 152));
        Color up =
                new Color(PhotoEdit.CONTRAST_UP.apply(flat, new SplittableRandom(1)).getRGB(3, 3));
        // (100-128)*1.25..1.30+128 = 91.6..93; (200-128)*1.25..1.30+128 = 218..221.6
        assertThat(up.getRed()).isBetween(91, 93);
        assertThat(up.getGreen()).isBetween(218, 222);
    }

    @Test
    void frameAddsAColouredBorderAroundTheWholePhoto() {
        BufferedImage out = PhotoEdit.FRAME.apply(testPhoto(), new SplittableRandom(5));
        int b = (out.getWidth() - W) / 2;
        // 3..7% of the long side (400): 12..28 px.
        assertThat(b).isBetween(12, 28);
        assertThat(out.getHeight() - H).isEqualTo(2 * b);
        assertThat(out.getRGB(b + 100, b + 100)).isEqualTo(testPhoto().getRGB(100, 100));
    }

    @Test
    void stressEditsKeepThePhotoOnAtLeastHalfTheCanvas() {
        for (long seed = 0; seed < 20; seed++) {
            BufferedImage shot =
                    PhotoEdit.SCREENSHOT.apply(testPhoto(), new SplittableRandom(seed));
            // The photo spans the full width at its aspect ratio, so its height is width*3/4.
            double photoShare = shot.getWidth() * 0.75 / shot.getHeight();
            assertThat(photoShare).as("screenshot seed %d", seed).isGreaterThanOrEqualTo(0.5);
            BufferedImage banner = PhotoEdit.BANNER.apply(testPhoto(), new SplittableRandom(seed));
            assertThat(banner.getWidth()).isGreaterThan(banner.getHeight());
            // The photo is at most canvas-high, so its area is at most h * h * 4/3.
            double maxShare =
                    banner.getHeight()
                            * banner.getHeight()
                            * 4.0
                            / 3
                            / banner.getWidth()
                            / banner.getHeight();
            assertThat(maxShare).as("banner seed %d", seed).isGreaterThanOrEqualTo(0.5);
        }
    }

    @Test
    void idsAreStableLowercaseAndOnlyCompositionsAreStress() {
        Set<String> ids = new HashSet<>();
        for (PhotoEdit e : PhotoEdit.values()) {
            assertThat(e.id()).matches("[a-z0-9-]+");
            assertThat(ids.add(e.id())).isTrue();
            assertThat(PhotoEdit.byId(e.id())).isEqualTo(e);
        }
        assertThat(Arrays.stream(PhotoEdit.values()).filter(PhotoEdit::stress))
                .containsExactlyInAnyOrder(PhotoEdit.SCREENSHOT, PhotoEdit.BANNER);
        assertThat(PhotoEdit.combinable())
                .doesNotContain(PhotoEdit.COMBO3, PhotoEdit.SCREENSHOT, PhotoEdit.BANNER)
                .hasSize(PhotoEdit.values().length - 3);
    }

    @Test
    void combinationsDrawThreeDistinctEdits() {
        for (long seed = 0; seed < 20; seed++) {
            List<PhotoEdit> picked = PhotoEdit.drawCombination(new SplittableRandom(seed));
            assertThat(picked).hasSize(3).doesNotHaveDuplicates();
            assertThat(PhotoEdit.combinable()).containsAll(picked);
        }
    }
}
