package io.imageguard.match;

/**
 * Colour signatures of a photo's views: a view cut into 3×3 cells, each cell's mean opponent colour
 * ({@code R − G} and {@code (R + G)/2 − B}), 18 signed bytes. The luminance hashes cannot tell two
 * products of the same shape on the same white backdrop apart (a green and a blue shoe hash alike);
 * their colours can.
 *
 * <p>Two signatures <b>agree</b> unless both carry colour and point in different directions. The
 * comparison is a cosine, so scaling the colour (brightness, contrast, saturation edits) leaves it
 * unchanged; a grey photo (a grayscale copy, a black-and-white product) carries no colour and
 * agrees with anything, so the luminance hashes alone decide, as without signatures.
 */
final class Chroma {
    static final int CELLS = 3;
    static final int BYTES = CELLS * CELLS * 2;

    /** Below this length (in byte units) a signature counts as grey: JPEG noise stays under it. */
    static final double MIN_COLOUR = 12;

    /** Signatures of coloured views agree when their cosine is at least this. */
    static final double MIN_COSINE = 0.5;

    /** A photo without colour: every view's signature is grey. */
    static final Chroma GREY = new Chroma(null, null, 1, 1);

    private final AreaSums rg;
    private final AreaSums yb;

    /** Plane samples per input pixel: views are given in input pixels. */
    private final double sx;

    private final double sy;

    private Chroma(AreaSums rg, AreaSums yb, double sx, double sy) {
        this.rg = rg;
        this.yb = yb;
        this.sx = sx;
        this.sy = sy;
    }

    /**
     * Colour planes given apart ({@code R − G} and {@code (R + G)/2 − B}, {@code w × h}), with
     * {@code sx} ({@code sy}) plane samples per input pixel across (down).
     */
    static Chroma of(float[] redGreen, float[] yellowBlue, int w, int h, double sx, double sy) {
        return new Chroma(AreaSums.of(redGreen, w, h), AreaSums.of(yellowBlue, w, h), sx, sy);
    }

    /** Colour planes of {@code argb} ({@code w × h}), for views given in its pixel coordinates. */
    static Chroma of(int[] argb, int w, int h) {
        // Both summed-area tables in one pass, in integers: R − G and 2·((R + G)/2 − B) of 8-bit
        // channels are integers, so the sums are exact and need no conversion per pixel.
        int stride = w + 1;
        long[] rg = new long[stride * (h + 1)];
        long[] yb2 = new long[stride * (h + 1)];
        for (int y = 0; y < h; y++) {
            long rgRow = 0;
            long ybRow = 0;
            int in = y * w;
            int above = y * stride + 1;
            int here = above + stride;
            for (int x = 0; x < w; x++) {
                int c = argb[in + x];
                int r = (c >> 16) & 0xff;
                int g = (c >> 8) & 0xff;
                int b = c & 0xff;
                rgRow += r - g;
                ybRow += r + g - 2 * b;
                rg[here + x] = rg[above + x] + rgRow;
                yb2[here + x] = yb2[above + x] + ybRow;
            }
        }
        return new Chroma(new AreaSums(w, h, rg, 1), new AreaSums(w, h, yb2, 0.5), 1, 1);
    }

    /** The signature of the rectangle {@code r = {x0, y0, x1, y1}} in input pixels. */
    byte[] of(double[] r) {
        byte[] s = new byte[BYTES];
        if (rg == null) {
            return s;
        }
        double[] p =
                sx == 1 && sy == 1 ? r : new double[] {r[0] * sx, r[1] * sy, r[2] * sx, r[3] * sy};
        float[] a = rg.grid(p, CELLS);
        float[] b = yb.grid(p, CELLS);
        for (int i = 0; i < CELLS * CELLS; i++) {
            s[2 * i] = quantize(a[i]);
            s[2 * i + 1] = quantize(b[i]);
        }
        return s;
    }

    private static byte quantize(float v) {
        return (byte) Math.max(-127, Math.min(127, Math.round(v / 2)));
    }

    /**
     * The cosine between {@code a} and {@code b} (or {@code b}'s mirror image), or {@code 1} when
     * either is grey.
     */
    static double cosine(byte[] a, byte[] b, boolean mirror) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int y = 0; y < CELLS; y++) {
            for (int x = 0; x < CELLS; x++) {
                int i = 2 * (y * CELLS + x);
                int j = 2 * (y * CELLS + (mirror ? CELLS - 1 - x : x));
                for (int k = 0; k < 2; k++) {
                    ab += a[i + k] * b[j + k];
                    aa += a[i + k] * a[i + k];
                    bb += b[j + k] * b[j + k];
                }
            }
        }
        if (aa < MIN_COLOUR * MIN_COLOUR || bb < MIN_COLOUR * MIN_COLOUR) {
            return 1;
        }
        return ab / Math.sqrt(aa * bb);
    }

    static boolean agree(byte[] a, byte[] b, boolean mirror) {
        return a == null || b == null || cosine(a, b, mirror) >= MIN_COSINE;
    }
}
