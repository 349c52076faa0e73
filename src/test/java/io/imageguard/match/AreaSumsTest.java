package io.imageguard.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AreaSumsTest {
    /** A 3×2 plane: row 0 is 1 2 3, row 1 is 4 5 6. */
    private static final AreaSums SMALL = AreaSums.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);

    @Test
    void wholePixelsAverageTheirValues() {
        assertThat(SMALL.grid(new double[] {0, 0, 3, 2}, 1)[0]).isEqualTo(3.5f);
        assertThat(SMALL.grid(new double[] {1, 0, 3, 2}, 1)[0]).isEqualTo(4f);
        assertThat(SMALL.grid(new double[] {2, 1, 3, 2}, 1)[0]).isEqualTo(6f);
    }

    @Test
    void fractionalEdgesWeighPixelsByTheirCoveredArea() {
        // [0.5, 2) × [0, 1): half of pixel 1, all of pixel 2 → (0.5·1 + 1·2) / 1.5
        assertThat(SMALL.grid(new double[] {0.5, 0, 2, 1}, 1)[0])
                .isCloseTo(2.5f / 1.5f, within(1e-6f));
        // [2.25, 3) × [0.5, 2): a quarter-wide strip of 3 (half height) and 6 (full height)
        assertThat(SMALL.grid(new double[] {2.25, 0.5, 3, 2}, 1)[0])
                .isCloseTo((0.5f * 3 + 1f * 6) / 1.5f, within(1e-6f));
    }

    @Test
    void rectanglesBeyondThePlaneAreClampedToIt() {
        assertThat(SMALL.grid(new double[] {-4, -1, 9, 7}, 1)[0]).isEqualTo(3.5f);
    }

    @Test
    void gridsEqualResamplingPixelByPixel() {
        // The per-pixel coverage sum (AreaAverage.resample) computes the same means another way.
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 40; trial++) {
            int w = 20 + random.nextInt(300);
            int h = 20 + random.nextInt(300);
            float[] p = new float[w * h];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) random.nextDouble(0, 255);
            }
            double x0 = random.nextDouble(0, w * 0.4);
            double y0 = random.nextDouble(0, h * 0.4);
            double x1 = w - random.nextDouble(0, w * 0.4);
            double y1 = h - random.nextDouble(0, h * 0.4);
            int n = 1 + random.nextInt(64);

            float[] fast = AreaSums.of(p, w, h).grid(new double[] {x0, y0, x1, y1}, n);
            float[] slow = AreaAverage.resample(p, w, h, x0, y0, x1, y1, n, n);

            for (int i = 0; i < fast.length; i++) {
                assertThat(fast[i])
                        .as("trial %d cell %d", trial, i)
                        .isCloseTo(slow[i], within(2e-3f));
            }
        }
    }

    @Test
    void everyOtherCornerGivesTheHalfResolutionGrid() {
        SplittableRandom random = new SplittableRandom(4);
        float[] p = new float[97 * 61];
        for (int i = 0; i < p.length; i++) {
            p[i] = random.nextInt(256);
        }
        AreaSums sums = AreaSums.of(p, 97, 61);
        double[] r = {3.3, 1.7, 90.2, 60};

        float[] coarse = AreaSums.cells(sums.corners(r, 64), 64, 2, r);

        float[] direct = sums.grid(r, 32);
        for (int i = 0; i < direct.length; i++) {
            assertThat(coarse[i]).isCloseTo(direct[i], within(1e-3f));
        }
    }
}
