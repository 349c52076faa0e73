package io.imageguard.match;

import java.awt.image.BufferedImage;

/**
 * A luminance image as floats in [0, 255], row-major. Views are cut from it and reduced by area
 * averaging (each output pixel is the coverage-weighted mean of the source pixels it spans), which
 * is the filter the hashes assume.
 */
public final class GrayImage {
    final int width;
    final int height;
    final float[] pixels;

    GrayImage(int width, int height, float[] pixels) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** Rec. 601 luma of every pixel of {@code image}. */
    public static GrayImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        return of(image.getRGB(0, 0, w, h, null, 0, w), w, h);
    }

    /** {@code 0.299f · v}, {@code 0.587f · v}, {@code 0.114f · v} for every 8-bit level v. */
    private static final float[] RED = new float[256];

    private static final float[] GREEN = new float[256];
    private static final float[] BLUE = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            RED[v] = 0.299f * v;
            GREEN[v] = 0.587f * v;
            BLUE[v] = 0.114f * v;
        }
    }

    /** Rec. 601 luma of {@code argb}, a {@code w × h} image's pixels row by row. */
    static GrayImage of(int[] argb, int w, int h) {
        // Products from tables, summed in the formula's order: the same floats as computing
        // 0.299f·r + 0.587f·g + 0.114f·b, without three int-to-float conversions a pixel.
        float[] p = new float[w * h];
        for (int i = 0; i < p.length; i++) {
            int c = argb[i];
            p[i] = RED[(c >> 16) & 0xff] + GREEN[(c >> 8) & 0xff] + BLUE[c & 0xff];
        }
        return new GrayImage(w, h, p);
    }

    /**
     * This image area-averaged so its longer side is at most {@code maxSide}, or itself when
     * already that small. Hash thumbnails are at most 64 pixels across, so they are cut from a
     * 256-pixel copy at a fraction of the cost of cutting each from the input.
     */
    GrayImage reduced(int maxSide) {
        double f = (double) maxSide / Math.max(width, height);
        if (f >= 1) {
            return this;
        }
        int w = Math.max(1, (int) Math.round(width * f));
        int h = Math.max(1, (int) Math.round(height * f));
        return crop(0, 0, width, height, w, h);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    float at(int x, int y) {
        return pixels[y * width + x];
    }

    /**
     * The region {@code [x0, x1) × [y0, y1)} (fractional pixel coordinates) reduced to {@code outW
     * × outH} by area averaging.
     */
    float[] resample(double x0, double y0, double x1, double y1, int outW, int outH) {
        return AreaAverage.resample(pixels, width, height, x0, y0, x1, y1, outW, outH);
    }

    /**
     * This image turned by {@code degrees} about its centre and enlarged just enough that only
     * image pixels remain, at the same size (bilinear): how a "rotate, then crop" copy is made, so
     * turning such a copy back lines it up with its original's centre.
     */
    GrayImage rotated(double degrees) {
        double t = Math.toRadians(degrees);
        double cos = Math.cos(t);
        double sin = Math.sin(t);
        double ac = Math.abs(cos);
        double as = Math.abs(sin);
        double zoom =
                1
                        / Math.min(
                                width / (width * ac + height * as),
                                height / (width * as + height * ac));
        double cx = width / 2.0;
        double cy = height / 2.0;
        // The source point that lands on output (x, y) is the inverse rotation of the output
        // offset: sx = cx + cos·dx + sin·dy − 0.5, sy = cy − sin·dx + cos·dy − 0.5. The terms in
        // dx are the same on every row, so they are computed once per column (same operations,
        // same order, same values).
        double[] colX = new double[width];
        double[] colY = new double[width];
        for (int x = 0; x < width; x++) {
            double dx = (x + 0.5 - cx) / zoom;
            colX[x] = cx + cos * dx;
            colY[x] = cy - sin * dx;
        }
        float[] out = new float[width * height];
        // Per row, first every source position (the same double sums as before, floored by a
        // cast where non-negative), then the interpolation: two simple loops run faster than one
        // that does both, and clamping is needed only near the border.
        int[] rx = new int[width];
        int[] ry = new int[width];
        float[] fx = new float[width];
        float[] fy = new float[width];
        int wm = width - 1;
        int hm = height - 1;
        for (int y = 0; y < height; y++) {
            double dy = (y + 0.5 - cy) / zoom;
            double rowX = sin * dy;
            double rowY = cos * dy;
            for (int x = 0; x < width; x++) {
                double sx = colX[x] + rowX - 0.5;
                double sy = colY[x] + rowY - 0.5;
                int x0 = sx >= 0 ? (int) sx : (int) Math.floor(sx);
                int y0 = sy >= 0 ? (int) sy : (int) Math.floor(sy);
                rx[x] = x0;
                ry[x] = y0;
                fx[x] = (float) (sx - x0);
                fy[x] = (float) (sy - y0);
            }
            int o = y * width;
            for (int x = 0; x < width; x++) {
                int x0 = rx[x];
                int y0 = ry[x];
                int xa;
                int xb;
                int top;
                int bottom;
                if (x0 >= 0 && x0 < wm && y0 >= 0 && y0 < hm) {
                    xa = x0;
                    xb = x0 + 1;
                    top = y0 * width;
                    bottom = top + width;
                } else {
                    xa = Math.max(0, Math.min(wm, x0));
                    xb = Math.max(0, Math.min(wm, x0 + 1));
                    top = Math.max(0, Math.min(hm, y0)) * width;
                    bottom = Math.max(0, Math.min(hm, y0 + 1)) * width;
                }
                float f = fx[x];
                float upper = pixels[top + xa] * (1 - f) + pixels[top + xb] * f;
                float lower = pixels[bottom + xa] * (1 - f) + pixels[bottom + xb] * f;
                out[o + x] = upper * (1 - fy[x]) + lower * fy[x];
            }
        }
        return new GrayImage(width, height, out);
    }

    /** This image's region as a new image of {@code outW × outH}. */
    GrayImage crop(double x0, double y0, double x1, double y1, int outW, int outH) {
        return new GrayImage(outW, outH, resample(x0, y0, x1, y1, outW, outH));
    }
}
