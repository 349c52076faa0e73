package io.imageguard.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.imageguard.synth.PhotoEdit;
import io.imageguard.synth.ProductPhotoPainter;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The speed-ups of the hashing route change no hash: each fast path is checked bit for bit against
 * the straightforward computation it replaces, on painted product photos and edited copies.
 */
class FastPathIdentityTest {

    /** Painted photos of several sizes and aspect ratios, and an edited copy of each. */
    private static List<BufferedImage> photos() {
        List<BufferedImage> out = new ArrayList<>();
        int[] sides = {200, 512, 700};
        PhotoEdit[] edits = PhotoEdit.values();
        for (int i = 0; i < 6; i++) {
            BufferedImage p = ProductPhotoPainter.paint(i + 11, 3, sides[i % sides.length]);
            out.add(p);
            out.add(edits[(3 * i + 1) % edits.length].apply(p, new Random(i)));
        }
        return out;
    }

    @Test
    void resampleEqualsThePerPixelColumnOrderSum() {
        Random rnd = new Random(5);
        for (BufferedImage p : photos()) {
            GrayImage g = GrayImage.of(p);
            for (int trial = 0; trial < 12; trial++) {
                double x0 = rnd.nextDouble() * g.width * 0.4;
                double y0 = rnd.nextDouble() * g.height * 0.4;
                double x1 = g.width - rnd.nextDouble() * g.width * 0.4;
                double y1 = g.height - rnd.nextDouble() * g.height * 0.4;
                int outW = 1 + rnd.nextInt(96);
                int outH = 1 + rnd.nextInt(96);

                float[] fast = g.resample(x0, y0, x1, y1, outW, outH);

                assertThat(fast)
                        .containsExactly(
                                reference(g.pixels, g.width, g.height, x0, y0, x1, y1, outW, outH));
            }
        }
    }

    @Test
    void halvingWholeRowsEqualsThePerPixelColumnOrderSum() {
        for (BufferedImage p : photos()) {
            GrayImage g = GrayImage.of(p);
            int w = g.width - g.width % 2;
            GrayImage even = g.crop(0, 0, w, g.height, w, g.height);
            for (int outH : new int[] {g.height / 2, g.height / 3, 64}) {
                float[] fast = even.resample(0, 0, w, g.height, w / 2, outH);

                assertThat(fast)
                        .containsExactly(
                                reference(
                                        even.pixels, w, g.height, 0, 0, w, g.height, w / 2, outH));
            }
        }
    }

    @Test
    void hashOfIntRgbPixelsEqualsHashThroughGetRgb() {
        PhotoMatcher matcher = new PhotoMatcher();
        for (BufferedImage p : photos()) {
            BufferedImage intRgb = copy(p, BufferedImage.TYPE_INT_RGB);
            // A BGR copy has no int buffer to share: the matcher takes getRGB's path for it.
            BufferedImage bgr = copy(p, BufferedImage.TYPE_3BYTE_BGR);
            int w = p.getWidth();
            int h = p.getHeight();
            int[] viaGetRgb = bgr.getRGB(0, 0, w, h, null, 0, w);

            String direct = matcher.hash(intRgb).toText().toString();

            assertThat(direct).isEqualTo(matcher.hash(bgr).toText().toString());
            assertThat(direct).isEqualTo(matcher.hash(viaGetRgb, w, h).toText().toString());
        }
    }

    @Test
    void reduceOfIntRgbEqualsReduceThroughGetRgb() {
        for (BufferedImage p : photos()) {
            BufferedImage a = AreaAverage.reduce(copy(p, BufferedImage.TYPE_INT_RGB), 160);
            BufferedImage b = AreaAverage.reduce(copy(p, BufferedImage.TYPE_INT_ARGB), 160);
            int w = a.getWidth();
            int h = a.getHeight();

            assertThat(a.getRGB(0, 0, w, h, null, 0, w))
                    .containsExactly(b.getRGB(0, 0, w, h, null, 0, w));
        }
    }

    private static BufferedImage copy(BufferedImage src, int type) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), type);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }

    /**
     * Area averaging written out plainly, each output summed tap by tap down its column: the loop
     * order the matcher's resampling had before it was made to read rows.
     */
    private static float[] reference(
            float[] src,
            int width,
            int height,
            double x0,
            double y0,
            double x1,
            double y1,
            int outW,
            int outH) {
        int rowLo = (int) Math.floor(y0);
        int rowHi = Math.min(height, (int) Math.ceil(y1));
        float[] tmp = new float[(rowHi - rowLo) * outW];
        for (int y = rowLo; y < rowHi; y++) {
            for (int ox = 0; ox < outW; ox++) {
                float s = 0;
                Cell c = cell(x0, x1, outW, width, ox);
                for (int k = 0; k < c.weights.length; k++) {
                    s += c.weights[k] * src[y * width + c.first + k];
                }
                tmp[(y - rowLo) * outW + ox] = s;
            }
        }
        float[] out = new float[outW * outH];
        for (int oy = 0; oy < outH; oy++) {
            Cell c = cell(y0, y1, outH, height, oy);
            for (int ox = 0; ox < outW; ox++) {
                float s = 0;
                for (int k = 0; k < c.weights.length; k++) {
                    s += c.weights[k] * tmp[(c.first + k - rowLo) * outW + ox];
                }
                out[oy * outW + ox] = s;
            }
        }
        return out;
    }

    private record Cell(int first, float[] weights) {}

    /** Output cell i of n over [lo, hi): its first source pixel and normalised coverages. */
    private static Cell cell(double lo, double hi, int n, int limit, int i) {
        double step = (hi - lo) / n;
        int end = Math.min(limit, (int) Math.ceil(hi)) - 1;
        double a = lo + i * step;
        double b = Math.min(hi, a + step);
        int first = Math.min(end, (int) Math.floor(a));
        int last = Math.max(first, Math.min(end, (int) Math.ceil(b) - 1));
        float[] w = new float[last - first + 1];
        double total = 0;
        for (int p = first; p <= last; p++) {
            w[p - first] = (float) Math.max(0, Math.min(b, p + 1) - Math.max(a, p));
            total += w[p - first];
        }
        for (int k = 0; k < w.length; k++) {
            w[k] /= (float) total;
        }
        return new Cell((int) Math.floor(lo + i * step), w);
    }
}
