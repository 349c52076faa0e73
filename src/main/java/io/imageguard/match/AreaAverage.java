package io.imageguard.match;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Area-average resampling: each output pixel is the coverage-weighted mean of the source pixels its
 * footprint spans. It is the filter perceptual hashes assume; nearest-neighbour sampling (what
 * JImageHash does internally) aliases fine texture into the hash.
 */
public final class AreaAverage {
    private AreaAverage() {}

    /**
     * {@code image} scaled so its longer side is at most {@code maxSide}, keeping its aspect ratio;
     * the image itself when it is already small enough.
     */
    public static BufferedImage reduce(BufferedImage image, int maxSide) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] size = reducedSize(w, h, maxSide);
        if (size[0] == w && size[1] == h) {
            return image;
        }
        int ow = size[0];
        int oh = size[1];
        int[] argb = pixels(image);
        float[][] planes = new float[3][w * h];
        for (int i = 0; i < argb.length; i++) {
            planes[0][i] = (argb[i] >> 16) & 0xff;
            planes[1][i] = (argb[i] >> 8) & 0xff;
            planes[2][i] = argb[i] & 0xff;
        }
        float[][] out = new float[3][];
        for (int c = 0; c < 3; c++) {
            out[c] = resample(planes[c], w, h, 0, 0, w, h, ow, oh);
        }
        int[] rgb = new int[ow * oh];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte8(out[0][i]) << 16) | (byte8(out[1][i]) << 8) | byte8(out[2][i]);
        }
        BufferedImage result = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        System.arraycopy(
                rgb,
                0,
                ((DataBufferInt) result.getRaster().getDataBuffer()).getData(),
                0,
                rgb.length);
        return result;
    }

    /** The size {@link #reduce} gives a {@code w × h} image: its own when already small enough. */
    public static int[] reducedSize(int w, int h, int maxSide) {
        double f = (double) maxSide / Math.max(w, h);
        if (f >= 1) {
            return new int[] {w, h};
        }
        return new int[] {
            Math.max(1, (int) Math.round(w * f)), Math.max(1, (int) Math.round(h * f))
        };
    }

    /**
     * {@code image.getRGB} of the whole image; for a TYPE_INT_RGB image that owns its whole buffer,
     * the buffer itself (the caller must not modify it): getRGB converts pixel by pixel through the
     * colour model, which costs more than the hashing it feeds.
     */
    static int[] pixels(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (image.getType() == BufferedImage.TYPE_INT_RGB
                && image.getRaster().getDataBuffer() instanceof DataBufferInt db
                && db.getNumBanks() == 1
                && db.getOffset() == 0
                && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0
                && image.getRaster().getSampleModel().getWidth() == w
                && db.getData().length == w * h) {
            return db.getData();
        }
        return image.getRGB(0, 0, w, h, null, 0, w);
    }

    private static int byte8(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }

    /**
     * The region {@code [x0, x1) × [y0, y1)} (fractional pixel coordinates inside the {@code width
     * × height} plane {@code src}) reduced to {@code outW × outH}.
     */
    static float[] resample(
            float[] src,
            int width,
            int height,
            double x0,
            double y0,
            double x1,
            double y1,
            int outW,
            int outH) {
        float[][] wx = weights(x0, x1, outW, width);
        float[][] wy = weights(y0, y1, outH, height);
        int[] sx = starts(x0, x1, outW);
        int[] sy = starts(y0, y1, outH);
        // Horizontal pass over the rows the region touches, then the vertical pass. Each output
        // is summed in the same order (taps ascending) in both passes, so the result does not
        // depend on the loop order chosen for speed.
        int rowLo = (int) Math.floor(y0);
        int rowHi = Math.min(height, (int) Math.ceil(y1));
        float[] tmp = new float[(rowHi - rowLo) * outW];
        // Halving a whole row (the 256-px thumbnail source of a 512-px input): two taps of
        // exactly 0.5f each, summed as the general loop sums them (0 + ½a + ½b).
        boolean halveRows = x0 == 0 && x1 == width && width == 2 * outW;
        for (int y = rowLo; y < rowHi; y++) {
            int base = y * width;
            int o = (y - rowLo) * outW;
            if (halveRows) {
                for (int ox = 0; ox < outW; ox++) {
                    tmp[o + ox] = 0.5f * src[base + 2 * ox] + 0.5f * src[base + 2 * ox + 1];
                }
                continue;
            }
            for (int ox = 0; ox < outW; ox++) {
                float s = 0;
                float[] w = wx[ox];
                int from = base + sx[ox];
                for (int k = 0; k < w.length; k++) {
                    s += w[k] * src[from + k];
                }
                tmp[o + ox] = s;
            }
        }
        // Vertical pass a whole output row at a time: reads tmp row by row, not down columns.
        float[] out = new float[outW * outH];
        for (int oy = 0; oy < outH; oy++) {
            float[] w = wy[oy];
            int o = oy * outW;
            for (int k = 0; k < w.length; k++) {
                float f = w[k];
                int row = (sy[oy] + k - rowLo) * outW;
                for (int ox = 0; ox < outW; ox++) {
                    out[o + ox] += f * tmp[row + ox];
                }
            }
        }
        return out;
    }

    private static int[] starts(double lo, double hi, int n) {
        int[] s = new int[n];
        double step = (hi - lo) / n;
        for (int i = 0; i < n; i++) {
            s[i] = (int) Math.floor(lo + i * step);
        }
        return s;
    }

    /** Per output cell, the normalised coverage of each source pixel from its start index. */
    private static float[][] weights(double lo, double hi, int n, int limit) {
        float[][] w = new float[n][];
        double step = (hi - lo) / n;
        // Rounding may push a cell's end a hair past hi: never read beyond the region.
        int end = Math.min(limit, (int) Math.ceil(hi)) - 1;
        for (int i = 0; i < n; i++) {
            double a = lo + i * step;
            double b = Math.min(hi, a + step);
            int first = Math.min(end, (int) Math.floor(a));
            int last = Math.max(first, Math.min(end, (int) Math.ceil(b) - 1));
            float[] cell = new float[last - first + 1];
            double total = 0;
            for (int p = first; p <= last; p++) {
                cell[p - first] = (float) Math.max(0, Math.min(b, p + 1) - Math.max(a, p));
                total += cell[p - first];
            }
            for (int k = 0; k < cell.length; k++) {
                cell[k] /= (float) total;
            }
            w[i] = cell;
        }
        return w;
    }
}
