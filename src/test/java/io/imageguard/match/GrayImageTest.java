package io.imageguard.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
}
