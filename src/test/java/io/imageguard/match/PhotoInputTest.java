package io.imageguard.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PhotoInputTest {
    @Test
    void deviationOfAHalfBlackHalfWhiteImageIsHalfTheRange() {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 16, 32);
        g.dispose();
        // luma 0 and 255 in equal parts: standard deviation 127.5
        assertThat(PhotoInput.of(img).lumaDeviation(32)).isCloseTo(127.5, within(0.01));
    }

    @Test
    void colourPlanesAtHalfResolutionGiveTheSignatureOfFullResolutionPixels() {
        // A 64x64 photo, left half pure red (R - G = 255, (R + G)/2 - B = 127.5), right half
        // pure blue (0 - 0 = 0, 0 - 255 = -255); its colour planes at 32x32, one sample per 2x2.
        int[] rgb = new int[64 * 64];
        float[] rg = new float[32 * 32];
        float[] yb = new float[32 * 32];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                rgb[y * 64 + x] = x < 32 ? 0xFF0000 : 0x0000FF;
            }
        }
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                rg[y * 32 + x] = x < 16 ? 255 : 0;
                yb[y * 32 + x] = x < 16 ? 127.5f : -255;
            }
        }
        float[] luma = GrayImage.of(rgb, 64, 64).pixels;
        PhotoInput planes =
                PhotoInput.ofPlanes(
                        luma, 64, 64, new PhotoInput.OpponentPlanes(32, 32, rg, yb, 0.5, 0.5));
        PhotoInput pixels = PhotoInput.of(rgb, 64, 64);
        double[] whole = {0, 0, 64, 64};
        double[] leftThird = {0, 0, 21.5, 64};
        assertThat(planes.colour.of(whole)).containsExactly(pixels.colour.of(whole));
        assertThat(planes.colour.of(leftThird)).containsExactly(pixels.colour.of(leftThird));
    }
}
