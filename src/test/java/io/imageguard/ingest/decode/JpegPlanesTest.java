package io.imageguard.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** {@link JpegDcDecoder#decodePlanes}: luma and chroma before colour conversion. */
class JpegPlanesTest {

    @Test
    void aFlatColourComesOutAsItsJfifLumaAndChroma() throws Exception {
        // RGB (200, 40, 40) by JFIF: Y = .299·200 + .587·40 + .114·40 = 87.84,
        // Cb = 128 − .168736·200 − .331264·40 + .5·40 = 101.0,
        // Cr = 128 + .5·200 − .418688·40 − .081312·40 = 208.0; quantisation of a flat block's DC
        // moves each by well under a level.
        byte[] jpeg =
                TestJpegs.jpeg(
                        TestJpegs.filled(new Color(200, 40, 40), 100, 60),
                        TestJpegs.Encoding.baseline420());
        for (int eighths = 1; eighths <= 7; eighths++) {
            JpegDcDecoder.Planes p = JpegDcDecoder.decodePlanes(jpeg, Long.MAX_VALUE, eighths);
            int w = (100 * eighths + 7) / 8;
            int h = (60 * eighths + 7) / 8;
            assertThat(p.width()).isEqualTo(w);
            assertThat(p.height()).isEqualTo(h);
            // 4:2:0 chroma is 50x30 samples; as block means, ceil(50/8) x ceil(30/8), each
            // spanning 16 full-size pixels, 2 * eighths luma samples, at every scale
            assertThat(p.chromaPerLumaX()).isEqualTo(0.5 / eighths);
            assertThat(p.chromaPerLumaY()).isEqualTo(0.5 / eighths);
            assertThat(p.chromaWidth()).isEqualTo(7);
            assertThat(p.chromaHeight()).isEqualTo(4);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    assertThat(p.luma()[y * p.lumaStride() + x] & 0xFF).isBetween(87, 89);
                }
            }
            for (int y = 0; y < p.chromaHeight(); y++) {
                for (int x = 0; x < p.chromaWidth(); x++) {
                    assertThat(p.cb()[y * p.chromaStride() + x] & 0xFF).isBetween(100, 102);
                    assertThat(p.cr()[y * p.chromaStride() + x] & 0xFF).isBetween(207, 209);
                }
            }
        }
    }

    @Test
    void chromaIsTheBlockMeansTheRgbDecodeConvertsFromAtAnEighth() throws Exception {
        // 4:4:4 at 1/8, where the RGB decode also reads DCs only: each RGB pixel is JFIF's
        // conversion of the planes' samples at the same place, up to the rounding of the
        // fixed-point conversion; and chroma comes out the same whatever the luma's scale.
        byte[] jpeg =
                TestJpegs.jpeg(
                        TestJpegs.photoLike(96, 64, 3),
                        TestJpegs.Encoding.baseline420().sampling(1, 1));
        JpegDcDecoder.Planes p = JpegDcDecoder.decodePlanes(jpeg, Long.MAX_VALUE, 1);
        BufferedImage rgb = JpegDcDecoder.decodeScaled(jpeg, Long.MAX_VALUE, 1);
        assertThat(p.chromaPerLumaX()).isEqualTo(1.0);
        for (int y = 0; y < p.height(); y++) {
            for (int x = 0; x < p.width(); x++) {
                double luma = p.luma()[y * p.lumaStride() + x] & 0xFF;
                double cb = (p.cb()[y * p.chromaStride() + x] & 0xFF) - 128;
                double cr = (p.cr()[y * p.chromaStride() + x] & 0xFF) - 128;
                int c = rgb.getRGB(x, y);
                assertThat((double) (c >> 16 & 0xFF))
                        .isCloseTo(clamp(luma + 1.402 * cr), Offset.offset(1.0));
                assertThat((double) (c >> 8 & 0xFF))
                        .isCloseTo(clamp(luma - 0.344136 * cb - 0.714136 * cr), Offset.offset(1.0));
                assertThat((double) (c & 0xFF))
                        .isCloseTo(clamp(luma + 1.772 * cb), Offset.offset(1.0));
            }
        }
        for (int eighths = 2; eighths <= 7; eighths++) {
            JpegDcDecoder.Planes q = JpegDcDecoder.decodePlanes(jpeg, Long.MAX_VALUE, eighths);
            assertThat(q.cb()).as("Cb at %d/8", eighths).containsExactly(p.cb());
            assertThat(q.cr()).as("Cr at %d/8", eighths).containsExactly(p.cr());
            assertThat(q.chromaPerLumaX()).isEqualTo(1.0 / eighths);
        }
    }

    @Test
    void greyFilesHaveNoChromaAndRgbFilesNoPlanes() throws Exception {
        byte[] grey =
                TestJpegs.jpeg(
                        TestJpegs.toGray(TestJpegs.photoLike(64, 64, 4)),
                        TestJpegs.Encoding.baseline420());
        JpegDcDecoder.Planes p = JpegDcDecoder.decodePlanes(grey, Long.MAX_VALUE, 2);
        assertThat(p.cb()).isNull();
        assertThat(p.cr()).isNull();
        byte[] adobeRgb =
                TestJpegs.jpeg(
                        TestJpegs.photoLike(64, 64, 5),
                        TestJpegs.Encoding.baseline420().asAdobeRgb());
        assertThat(JpegDcDecoder.decodePlanes(adobeRgb, Long.MAX_VALUE, 2)).isNull();
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(255, v));
    }
}
