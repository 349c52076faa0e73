package io.imageguard.match;

/**
 * Normalised views of a photo, as rectangles {@code {x0, y0, x1, y1}} in its pixel coordinates.
 * {@link #trim} removes uniform borders (letterbox bars, frames, flat studio background); {@link
 * #photoRegion} finds the largest textured rectangle of a composed canvas (the photo inside a phone
 * screenshot or a promotional banner).
 */
final class Views {
    /** Largest share of a side that trimming may remove from each edge. */
    private static final double MAX_TRIM = 0.45;

    /**
     * A line belongs to a border when its standard deviation stays below this (0–255). No condition
     * on its mean: a frame with an inner line, or a letterbox bar next to a plain studio backdrop,
     * is several uniform bands, and the original's backdrop must be trimmed the same way with or
     * without the thief's bars.
     */
    private static final float LINE_STD = 4f;

    /** Pixels left out at each end of a line when testing it for uniformity. */
    private static final int END = 2;

    /** Cell side, in pixels, of the texture grid used to find the photo region. */
    private static final int CELL = 8;

    /**
     * A cell is textured when its standard deviation exceeds this: app chrome and banner
     * backgrounds are flat fills or gentle gradients, while even a photo's smooth sky or studio
     * backdrop carries grain (0.5 measured best for screenshots and banners together, against 0.25
     * to 2 on the dev set).
     */
    private static final float CELL_STD = 0.5f;

    private Views() {}

    static double[] whole(GrayImage g) {
        return new double[] {0, 0, g.width, g.height};
    }

    static double[] trim(GrayImage g) {
        // Peel one uniform line at a time from any side, measured inside what is left, so a
        // frame's side bars do not stop the rows of a backdrop inside it from being trimmed.
        int l = 0;
        int t = 0;
        int r = g.width;
        int b = g.height;
        int maxX = (int) (g.width * MAX_TRIM);
        int maxY = (int) (g.height * MAX_TRIM);
        boolean peeled = true;
        while (peeled) {
            peeled = false;
            // A line's END pixels at each end are left out: they are where the sides' blended
            // edges cross it.
            if (t < maxY && std(g, l + END, t, r - END, t + 1) <= LINE_STD) {
                t++;
                peeled = true;
            }
            if (g.height - b < maxY && std(g, l + END, b - 1, r - END, b) <= LINE_STD) {
                b--;
                peeled = true;
            }
            if (l < maxX && std(g, l, t + END, l + 1, b - END) <= LINE_STD) {
                l++;
                peeled = true;
            }
            if (g.width - r < maxX && std(g, r - 1, t + END, r, b - END) <= LINE_STD) {
                r--;
                peeled = true;
            }
        }
        return new double[] {l, t, r, b};
    }

    /** Standard deviation of the pixels in {@code [x0, x1) × [y0, y1)}. */
    private static float std(GrayImage g, int x0, int y0, int x1, int y1) {
        double sum = 0;
        double sq = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                float v = g.at(x, y);
                sum += v;
                sq += v * v;
            }
        }
        int n = (x1 - x0) * (y1 - y0);
        double mean = sum / n;
        return (float) Math.sqrt(Math.max(0, sq / n - mean * mean));
    }

    /**
     * The largest rectangle of textured cells, after closing gaps of one cell, or {@code null} when
     * it covers most of the image (nothing to separate).
     */
    static double[] photoRegion(GrayImage g) {
        int cw = g.width / CELL;
        int ch = g.height / CELL;
        if (cw < 4 || ch < 4) {
            return null;
        }
        boolean[] textured = new boolean[cw * ch];
        for (int cy = 0; cy < ch; cy++) {
            for (int cx = 0; cx < cw; cx++) {
                double sum = 0;
                double sq = 0;
                for (int y = cy * CELL; y < cy * CELL + CELL; y++) {
                    for (int x = cx * CELL; x < cx * CELL + CELL; x++) {
                        float v = g.at(x, y);
                        sum += v;
                        sq += v * v;
                    }
                }
                double mean = sum / (CELL * CELL);
                textured[cy * cw + cx] = sq / (CELL * CELL) - mean * mean > CELL_STD * CELL_STD;
            }
        }
        boolean[] closed = close(textured, cw, ch);
        int[] best = largestRectangle(closed, cw, ch);
        if (best == null || (double) (best[2] - best[0]) * (best[3] - best[1]) > 0.8 * cw * ch) {
            return null;
        }
        return new double[] {best[0] * CELL, best[1] * CELL, best[2] * CELL, best[3] * CELL};
    }

    /** Dilation then erosion by one cell (8-neighbourhood): fills flat specks inside a photo. */
    private static boolean[] close(boolean[] m, int w, int h) {
        return morph(morph(m, w, h, true), w, h, false);
    }

    private static boolean[] morph(boolean[] m, int w, int h, boolean dilate) {
        boolean[] out = new boolean[m.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean v = !dilate;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        int yy = y + dy;
                        boolean n =
                                xx >= 0 && yy >= 0 && xx < w && yy < h ? m[yy * w + xx] : !dilate;
                        v = dilate ? v || n : v && n;
                    }
                }
                out[y * w + x] = v;
            }
        }
        return out;
    }

    /** Largest all-true rectangle {x0, y0, x1, y1} in cells (histogram method). */
    private static int[] largestRectangle(boolean[] m, int w, int h) {
        int[] heights = new int[w];
        int[] stack = new int[w + 1];
        long bestArea = 0;
        int[] best = null;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                heights[x] = m[y * w + x] ? heights[x] + 1 : 0;
            }
            int top = 0;
            for (int x = 0; x <= w; x++) {
                int cur = x == w ? 0 : heights[x];
                while (top > 0 && heights[stack[top - 1]] >= cur) {
                    int hh = heights[stack[--top]];
                    int left = top == 0 ? 0 : stack[top - 1] + 1;
                    long area = (long) hh * (x - left);
                    if (area > bestArea) {
                        bestArea = area;
                        best = new int[] {left, y + 1 - hh, x, y + 1};
                    }
                }
                stack[top++] = x;
            }
        }
        return best;
    }
}
