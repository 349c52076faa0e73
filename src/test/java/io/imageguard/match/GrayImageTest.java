package io.imageguard.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GrayImageTest {
    /** A 4×4 image whose pixel (x, y) is 10x + y. */
    private static GrayImage ramp() {
        float[] p = new float[16];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                p[y * 4 + x] = 10 * x + y;
            }
        }
        return new GrayImage(4, 4, p);
    }

    @Test
    void turningByZeroKeepsEveryPixel() {
        GrayImage g = ramp();

        assertThat(g.rotated(0).pixels).containsExactly(g.pixels);
    }

    @Test
    void aQuarterTurnOfASquareNeedsNoEnlargingAndMovesPixelsExactly() {
        // Turned by 90° about the centre (2, 2), output pixel centre (x+½, y+½) samples the
        // source at (2 + (y+½−2), 2 − (x+½−2)), i.e. source pixel (y, 3−x): all centres, no blend.
        GrayImage turned = ramp().rotated(90);

        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertThat(turned.at(x, y))
                        .as("(%d, %d)", x, y)
                        .isCloseTo(10 * y + (3 - x), within(1e-3f));
            }
        }
    }

    @Test
    void turningGivesExactlyTheTextbookBilinearSamples() {
        // The turn is computed with per-column terms and a cast for the floor; the textbook form
        // below (every term per pixel, Math.floor, clamped taps) must give the very same floats,
        // so hashes of turned views do not depend on how the loop is arranged.
        SplittableRandom random = new SplittableRandom(7);
        for (int[] size : new int[][] {{37, 23}, {64, 64}, {5, 90}}) {
            int w = size[0];
            int h = size[1];
            float[] p = new float[w * h];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) random.nextDouble(0, 255);
            }
            GrayImage g = new GrayImage(w, h, p);
            for (double degrees : new double[] {3, -3, 17.5, 90, -135}) {
                assertThat(g.rotated(degrees).pixels)
                        .as("%dx%d by %s°", w, h, degrees)
                        .containsExactly(textbookTurn(g, degrees));
            }
        }
    }

    @Test
    void lumaIsTheRec601FormulaInFloats() {
        SplittableRandom random = new SplittableRandom(9);
        int[] argb = new int[100_000];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = i < 256 ? i * 0x010101 : random.nextInt();
        }

        GrayImage g = GrayImage.of(argb, argb.length, 1);

        for (int i = 0; i < argb.length; i++) {
            int c = argb[i];
            float expected =
                    0.299f * ((c >> 16) & 0xff) + 0.587f * ((c >> 8) & 0xff) + 0.114f * (c & 0xff);
            assertThat(g.pixels[i]).as("pixel %08x", c).isEqualTo(expected);
        }
    }

    private static float[] textbookTurn(GrayImage g, double degrees) {
        double t = Math.toRadians(degrees);
        double cos = Math.cos(t);
        double sin = Math.sin(t);
        int w = g.width;
        int h = g.height;
        double zoom =
                1
                        / Math.min(
                                w / (w * Math.abs(cos) + h * Math.abs(sin)),
                                h / (w * Math.abs(sin) + h * Math.abs(cos)));
        double cx = w / 2.0;
        double cy = h / 2.0;
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = (x + 0.5 - cx) / zoom;
                double dy = (y + 0.5 - cy) / zoom;
                double sx = cx + cos * dx + sin * dy - 0.5;
                double sy = cy - sin * dx + cos * dy - 0.5;
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                float fx = (float) (sx - x0);
                float fy = (float) (sy - y0);
                int xa = Math.max(0, Math.min(w - 1, x0));
                int xb = Math.max(0, Math.min(w - 1, x0 + 1));
                int ya = Math.max(0, Math.min(h - 1, y0));
                int yb = Math.max(0, Math.min(h - 1, y0 + 1));
                float top = g.at(xa, ya) * (1 - fx) + g.at(xb, ya) * fx;
                float bottom = g.at(xa, yb) * (1 - fx) + g.at(xb, yb) * fx;
                out[y * w + x] = top * (1 - fy) + bottom * fy;
            }
        }
        return out;
    }
}
