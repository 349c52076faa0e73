package io.imageguard.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DctHashTest {
    @Test
    void bitsAreTheSignsOfTheTextbookDctCoefficients() {
        // Bit i is set when the 2-D DCT-II coefficient (u, v) is positive, coefficients taken
        // by u + v = 1, 2, … and within that by u = 0, 1, …; computed here by the definition.
        SplittableRandom random = new SplittableRandom(11);
        for (DctHash hash : new DctHash[] {DctHash.H64, DctHash.H256}) {
            int n = hash.side;
            for (int trial = 0; trial < 20; trial++) {
                float[] px = new float[n * n];
                for (int i = 0; i < px.length; i++) {
                    px[i] = (float) random.nextDouble(0, 255);
                }

                long[] bits = hash.ofThumbnail(px);

                int i = 0;
                for (int s = 1; i < hash.bits; s++) {
                    for (int u = 0; u <= s && i < hash.bits; u++, i++) {
                        double c = coefficient(px, n, u, s - u);
                        boolean set = (bits[i >> 6] >>> (63 - (i & 63)) & 1) == 1;
                        if (Math.abs(c) > 1e-6) {
                            assertThat(set)
                                    .as("n=%d bit %d (u=%d, v=%d)", n, i, u, s - u)
                                    .isEqualTo(c > 0);
                        }
                    }
                }
            }
        }
    }

    private static double coefficient(float[] px, int n, int u, int v) {
        double sum = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                sum +=
                        px[y * n + x]
                                * Math.cos(Math.PI * (2 * x + 1) * u / (2.0 * n))
                                * Math.cos(Math.PI * (2 * y + 1) * v / (2.0 * n));
            }
        }
        return sum;
    }
}
