package io.imageguard.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.imageguard.ingest.decode.TestJpegs.Encoding;
import io.imageguard.synth.PhotoEdit;
import io.imageguard.synth.ProductPhotoPainter;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The decode-side speed-ups change no sample: each checked against the path it shortcuts. */
class FastPathIdentityTest {

    /**
     * Large scans (at least 1024 blocks) read AC coefficients through a one-lookup value table,
     * small ones symbol by symbol. A gray JPEG's blocks are coded independently of their position,
     * so a block-aligned crop encoded on its own (400 blocks: the symbol path) must decode to
     * exactly the samples of the same blocks in the large file (2500 blocks: the table). At every
     * scale from 2/8 to 7/8 the crop starts at a whole sample.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7})
    void valueTableDecodesLikeTheSymbolPathAtEighths(int eighths) throws Exception {
        BufferedImage photo =
                TestJpegs.toGray(copy(ProductPhotoPainter.paint(21, 4, 400), 400, 400));
        BufferedImage crop = photo.getSubimage(80, 120, 160, 160);
        Encoding enc = Encoding.baseline420();

        BufferedImage large =
                JpegDcDecoder.decodeScaled(TestJpegs.jpeg(photo, enc), Long.MAX_VALUE, eighths);
        BufferedImage small =
                JpegDcDecoder.decodeScaled(
                        TestJpegs.jpeg(copy(crop, 160, 160), enc), Long.MAX_VALUE, eighths);

        int n = 160 * eighths / 8;
        int[] fromLarge = large.getRGB(80 * eighths / 8, 120 * eighths / 8, n, n, null, 0, n);
        assertThat(small.getRGB(0, 0, n, n, null, 0, n)).containsExactly(fromLarge);
    }

    /**
     * ImageIO's BGR bytes are averaged in place; the result equals that of an int copy, both for
     * reductions by less than 3 (four unrolled taps) and by more (the general loop).
     */
    @Test
    void bgrBytesAverageLikeIntPixels() {
        for (int i = 0; i < 2; i++) {
            BufferedImage p = ProductPhotoPainter.paint(i + 31, 2, 300 + 60 * i);
            BufferedImage edited = PhotoEdit.values()[i * 5].apply(p, new Random(i));
            for (BufferedImage src : new BufferedImage[] {p, edited}) {
                BufferedImage bgr = copyAs(src, BufferedImage.TYPE_3BYTE_BGR);
                BufferedImage rgb = copyAs(src, BufferedImage.TYPE_INT_RGB);
                for (int side : new int[] {256, 60}) {
                    int w = src.getWidth();
                    int h = src.getHeight();
                    int outW = Math.max(1, w * side / Math.max(w, h));
                    int outH = Math.max(1, h * side / Math.max(w, h));

                    BufferedImage a = AreaAverage.resize(bgr, outW, outH);
                    BufferedImage b = AreaAverage.resize(rgb, outW, outH);

                    assertThat(a.getRGB(0, 0, outW, outH, null, 0, outW))
                            .containsExactly(b.getRGB(0, 0, outW, outH, null, 0, outW));
                }
            }
        }
    }

    /**
     * Every pixel at 1/8, 1/4 and 1/2 equals the plain reference decoder's: subsampled and full
     * chroma, gray, RGB, restart intervals, sizes that leave partial blocks and MCUs, and a hard-
     * edged picture at quality 1.0 whose reduced IDCT leaves the 0..255 range (so clamping runs).
     */
    @Test
    void reducedDecodesEqualThePlainReference() {
        Object[][] fixtures = fixtures();
        for (Object[] f : fixtures) {
            byte[] jpeg = TestJpegs.jpeg((BufferedImage) f[1], (Encoding) f[2]);
            for (int denominator : new int[] {8, 4, 2}) {
                ReducedDecodeReference.Image want =
                        ReducedDecodeReference.decode(jpeg, denominator);
                BufferedImage got = decode(jpeg, denominator);
                String what = f[0] + " at 1/" + denominator;
                assertThat(got.getWidth()).as(what).isEqualTo(want.width());
                assertThat(got.getHeight()).as(what).isEqualTo(want.height());
                assertSamePixels(what, rgb(got), want.rgb());
            }
        }
    }

    /**
     * At 3/8, 5/8, 6/8 and 7/8 every block sample and every pixel equals the reference's, whose
     * samples are the N x N inverse DCT as defined, in double, rounded half up: the fixtures above,
     * with 4:4:0 and more odd sizes (partial blocks and MCUs).
     */
    @Test
    void scaledDecodesEqualTheIdctAsDefined() throws Exception {
        Object[][] fixtures = fixtures();
        long ties = 0;
        for (Object[] f : fixtures) {
            byte[] jpeg = TestJpegs.jpeg((BufferedImage) f[1], (Encoding) f[2]);
            for (int eighths : new int[] {3, 5, 6, 7}) {
                byte[][] planes = JpegDcDecoder.samplePlanes(jpeg, Long.MAX_VALUE, eighths);
                ReducedDecodeReference.Image want =
                        ReducedDecodeReference.decodeEighths(jpeg, eighths);
                BufferedImage got = JpegDcDecoder.decodeScaled(jpeg, Long.MAX_VALUE, eighths);
                String what = f[0] + " at " + eighths + "/8";
                for (int c = 0; c < planes.length; c++) {
                    int[] s = new int[planes[c].length];
                    for (int i = 0; i < s.length; i++) {
                        s[i] = planes[c][i] & 0xFF;
                    }
                    assertSamePixels(what + ", samples of component " + c, s, want.samples()[c]);
                }
                assertThat(got.getWidth()).as(what).isEqualTo(want.width());
                assertThat(got.getHeight()).as(what).isEqualTo(want.height());
                assertSamePixels(what, rgb(got), want.rgb());
                ties += want.ties();
            }
        }
        // Sums exactly on k + 1/2 (flat blocks, rational cosines at n = 3 and 6) are in there.
        assertThat(ties).isPositive();
    }

    /**
     * The N x N transform gives the formula's samples, ties rounded up, for 250,000 random blocks
     * at each of n = 3, 5, 6, 7; blocks with only a few coefficients, so empty rows are skipped, as
     * in real blocks.
     */
    @Test
    void nPointIdctsEqualTheFormula() {
        Random rnd = new Random(11);
        int stride = 9;
        byte[] out = new byte[8 * stride];
        int ties = 0;
        for (int n : new int[] {3, 5, 6, 7}) {
            double[] scratch = new double[n * n];
            for (int b = 0; b < 250_000; b++) {
                double[][] g = new double[n][n];
                int[] slots = new int[n * n];
                double[] values = new double[n * n];
                int count = 0;
                for (int v = 0; v < n; v++) {
                    for (int u = 0; u < n; u++) {
                        int step = 1 + rnd.nextInt(u + v == 0 ? 8 : 24);
                        int max = (u + v == 0 ? 1024 : 160) / step;
                        int value = rnd.nextInt(2 * max + 1) - max;
                        if (u + v > 0 && rnd.nextInt(n) != 0 || value == 0) {
                            continue;
                        }
                        g[v][u] = (double) value * step;
                        if (u + v > 0) {
                            slots[count] = v * n + u;
                            values[count++] = g[v][u];
                        }
                    }
                }
                JpegDcDecoder.idctN(g[0][0], slots, values, count, n, scratch, out, 1, stride);
                for (int y = 0; y < n; y++) {
                    for (int x = 0; x < n; x++) {
                        int got = out[1 + y * stride + x] & 0xFF;
                        double exact = ReducedDecodeReference.exactSample(g, n, x, y);
                        ties += ReducedDecodeReference.isTie(exact) ? 1 : 0;
                        if (got != ReducedDecodeReference.round(exact)) {
                            assertThat(got)
                                    .as("n %d block %d sample %d,%d: %s", n, b, x, y, exact)
                                    .isEqualTo(ReducedDecodeReference.round(exact));
                        }
                    }
                }
            }
        }
        assertThat(ties).as("sums exactly on k + 1/2").isPositive();
    }

    /**
     * The reduced IDCTs give the reference's samples for two million random blocks. A sum taken in
     * another order differs in the last bit of the float, which moves a sample across a rounding
     * boundary only rarely: decoded pictures alone would not show it.
     */
    @Test
    void reducedIdctsEqualThePlainReference() {
        Random rnd = new Random(7);
        int stride = 6;
        byte[] out = new byte[4 * stride];
        for (int n = 0; n < 2_000_000; n++) {
            int side = n % 2 == 0 ? 4 : 2;
            float[] f = new float[side * side];
            float[][] g = new float[side][side];
            int acRows = 0;
            for (int v = 0; v < side; v++) {
                for (int u = 0; u < side; u++) {
                    // Dequantized coefficients are integers, a quantized value times its step, of
                    // the sizes that keep most samples in range (DC: 8 x (mean - 128)).
                    int step = 1 + rnd.nextInt(u + v == 0 ? 8 : 24);
                    int max = (u + v == 0 ? 1024 : 160) / step;
                    int value = rnd.nextInt(2 * max + 1) - max;
                    if (u + v > 0 && rnd.nextInt(side) != 0 || value == 0) {
                        continue; // sparse, as in real blocks, so some rows are empty
                    }
                    f[v * side + u] = g[v][u] = (float) value * step;
                    if (u + v > 0) {
                        acRows |= 1 << v;
                    }
                }
            }
            if (acRows == 0) {
                f[1] = g[0][1] = 3f;
                acRows = 1;
            }
            if (side == 4) {
                JpegDcDecoder.idct4(f, acRows, out, 1, stride);
            } else {
                JpegDcDecoder.idct2(f, out, 1, stride);
            }
            int[] want = ReducedDecodeReference.samples(g, side);
            for (int i = 0; i < want.length; i++) {
                int got = out[1 + (i / side) * stride + i % side] & 0xFF;
                if (got != want[i]) {
                    assertThat(got).as("block %d, sample %d", n, i).isEqualTo(want[i]);
                }
            }
        }
    }

    /** The hard-edged fixture really drives the 1/4 and 1/2 samples out of range on both sides. */
    @Test
    void hardEdgedFixtureSaturates() {
        byte[] jpeg =
                TestJpegs.jpeg(
                        TestJpegs.toGray(hardEdged(203, 141, 9)),
                        Encoding.baseline420().quality(1f));
        for (int denominator : new int[] {4, 2}) {
            int[] px = ReducedDecodeReference.decode(jpeg, denominator).rgb();
            assertThat(Arrays.stream(px).filter(p -> p == 0).count()).isPositive();
            assertThat(Arrays.stream(px).filter(p -> p == 0xFFFFFF).count()).isPositive();
        }
    }

    /**
     * The area average equals the plain per-pixel reference for reductions by less than 3 (four
     * taps), by more, by fractional factors and by none, from int and from BGR pixels.
     */
    @Test
    void areaAverageEqualsThePlainReference() {
        BufferedImage src = TestJpegs.photoLike(757, 503, 11);
        int[] pixels = rgb(src);
        int[][] sizes = {
            {500, 333},
            {379, 252},
            {256, 170},
            {100, 66},
            {757, 503},
            {1, 1},
            {3, 500},
            {500, 503},
            {757, 250},
            {700, 480}
        };
        for (int[] size : sizes) {
            int[] want = ReducedDecodeReference.resize(pixels, 757, 503, size[0], size[1]);
            String what = size[0] + "x" + size[1];
            assertSamePixels(what, rgb(AreaAverage.resize(src, size[0], size[1])), want);
            BufferedImage bgr = copyAs(src, BufferedImage.TYPE_3BYTE_BGR);
            assertSamePixels("BGR " + what, rgb(AreaAverage.resize(bgr, size[0], size[1])), want);
        }
    }

    /**
     * The same on random noise, to millions of channel values: a sum taken in another order differs
     * in the last bit of the float, which moves a value across the rounding boundary only rarely,
     * so it takes many of them to see.
     */
    @Test
    void areaAverageOfNoiseEqualsThePlainReference() {
        Random rnd = new Random(3);
        int w = 2000;
        int h = 1500;
        BufferedImage src = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) src.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = rnd.nextInt(1 << 24);
        }
        int[][] sizes = {
            {1334, 1000}, {1601, 1201}, {800, 600}, {900, 675}, {1000, 750}, {667, 500}, {400, 300}
        };
        for (int[] size : sizes) {
            int[] want = ReducedDecodeReference.resize(pixels, w, h, size[0], size[1]);
            assertSamePixels(
                    "noise " + size[0] + "x" + size[1],
                    rgb(AreaAverage.resize(src, size[0], size[1])),
                    want);
        }
    }

    /** AssertJ's element-wise comparison is too slow for a million pixels. */
    private static void assertSamePixels(String what, int[] got, int[] want) {
        int i = Arrays.mismatch(got, want);
        if (i >= 0) {
            assertThat(i < got.length ? Integer.toHexString(got[i]) : "(end)")
                    .as("%s: first differing pixel, index %d", what, i)
                    .isEqualTo(i < want.length ? Integer.toHexString(want[i]) : "(end)");
        }
    }

    private static BufferedImage decode(byte[] jpeg, int denominator) {
        try {
            return JpegDcDecoder.decode(jpeg, Long.MAX_VALUE, denominator);
        } catch (ImageDecodeException e) {
            throw new AssertionError(e);
        }
    }

    private static int[] rgb(BufferedImage img) {
        int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        for (int i = 0; i < px.length; i++) {
            px[i] &= 0xFFFFFF;
        }
        return px;
    }

    /** Saturated rectangles and single-pixel lines without antialiasing, plus noise. */
    private static BufferedImage hardEdged(int w, int h, long seed) {
        Random rnd = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] colours = {0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF};
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean fine = x < w / 3 && ((x / 3 + y / 5) & 1) == 0;
                img.setRGB(x, y, fine || x >= w / 3 && (x / 37 + y / 29) % 2 == 0 ? 0xFFFFFF : 0);
            }
        }
        Graphics2D g = img.createGraphics();
        for (int i = 0; i < 40; i++) {
            g.setColor(new java.awt.Color(colours[rnd.nextInt(colours.length)]));
            g.fillRect(rnd.nextInt(w), rnd.nextInt(h), 1 + rnd.nextInt(30), 1 + rnd.nextInt(30));
            g.drawLine(rnd.nextInt(w), rnd.nextInt(h), rnd.nextInt(w), rnd.nextInt(h));
        }
        g.dispose();
        for (int i = 0; i < w * h / 20; i++) {
            img.setRGB(rnd.nextInt(w), rnd.nextInt(h), rnd.nextInt(1 << 24));
        }
        return img;
    }

    private static BufferedImage copy(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }

    private static BufferedImage copyAs(BufferedImage src, int type) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), type);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }

    /**
     * JPEGs of every layout the decoder reads: 4:2:0, 4:4:4, 4:2:2 and 4:4:0 chroma, gray, RGB,
     * restart intervals, sizes that leave partial blocks and MCUs, and a hard-edged picture at
     * quality 1.0 whose reduced IDCTs leave the 0..255 range: {name, image, encoding}.
     */
    private static Object[][] fixtures() {
        Encoding q90 = Encoding.baseline420();
        BufferedImage photo = TestJpegs.photoLike(1001, 777, 5);
        BufferedImage hard = hardEdged(203, 141, 9);
        return new Object[][] {
            {"4:2:0", photo, q90},
            {"4:4:4", photo, q90.sampling(1, 1)},
            {"4:2:2", photo, q90.sampling(2, 1)},
            {"4:4:0", photo, q90.sampling(1, 2)},
            {"4:2:0 restarts", photo, q90.restarts(7)},
            {"gray", TestJpegs.toGray(photo), q90},
            {"gray restarts", TestJpegs.toGray(photo), q90.restarts(5)},
            {"adobe rgb", photo, q90.asAdobeRgb()},
            {"q50", photo, q90.quality(0.5f)},
            {"hard q100 4:2:0", hard, q90.quality(1f)},
            {"hard q100 4:4:4", hard, q90.quality(1f).sampling(1, 1)},
            {"hard q100 gray", TestJpegs.toGray(hard), q90.quality(1f)},
            {"hard 4:2:2 restarts", hard, q90.sampling(2, 1).restarts(3)},
            {"hard 4:4:0 restarts", hard, q90.sampling(1, 2).restarts(2)},
            {"tiny", TestJpegs.photoLike(17, 9, 3), q90},
            {"odd 4:2:0", TestJpegs.photoLike(139, 61, 8), q90},
            {"one pixel", TestJpegs.photoLike(1, 1, 4), q90},
        };
    }
}
