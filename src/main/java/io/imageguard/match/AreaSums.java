package io.imageguard.match;

/**
 * A summed-area table of a plane: the area average of any rectangle, fractional edges included,
 * from four lookups. A photo's dozen view thumbnails and colour signatures are all cut from the
 * same planes, so one pass over the pixels replaces a resampling pass per view.
 *
 * <p>Pixels are constant over their unit squares, so the integral from the origin to a point is
 * bilinear between the table's integer corners: interpolating the table is exact, and a cell's mean
 * is the difference of four interpolated corners divided by its area. Sums are doubles: a 512×512
 * plane of 255s sums to 6.7·10⁷, where floats would lose the low bits of every cell.
 */
final class AreaSums {
    final int width;
    final int height;

    /**
     * {@code (width + 1) × (height + 1)}: entry (x, y) is the sum over {@code [0, x) × [0, y)};
     * either as doubles, or as integers in units of {@link #unit}.
     */
    private final double[] sums;

    private final long[] counts;
    private final double unit;

    private AreaSums(int width, int height, double[] sums) {
        this.width = width;
        this.height = height;
        this.sums = sums;
        this.counts = null;
        this.unit = 1;
    }

    /**
     * A table of integer sums, exact at any size, for planes of integer values (colour differences
     * of 8-bit channels); the plane's values are the integers times {@code unit}.
     *
     * @param counts {@code (width + 1) × (height + 1)}, row 0 and column 0 zero, entry (x, y) the
     *     sum over {@code [0, x) × [0, y)}
     */
    AreaSums(int width, int height, long[] counts, double unit) {
        this.width = width;
        this.height = height;
        this.sums = null;
        this.counts = counts;
        this.unit = unit;
    }

    private double at(int i) {
        return sums != null ? sums[i] : counts[i] * unit;
    }

    static AreaSums of(float[] plane, int width, int height) {
        int stride = width + 1;
        double[] s = new double[stride * (height + 1)];
        for (int y = 0; y < height; y++) {
            double row = 0;
            int in = y * width;
            int above = y * stride;
            int here = above + stride;
            for (int x = 0; x < width; x++) {
                row += plane[in + x];
                s[here + x + 1] = s[above + x + 1] + row;
            }
        }
        return new AreaSums(width, height, s);
    }

    static AreaSums of(GrayImage g) {
        return of(g.pixels, g.width, g.height);
    }

    /**
     * The integrals from the origin to the {@code (n + 1)²} corners of an {@code n × n} grid over
     * the rectangle {@code r = {x0, y0, x1, y1}}, which lies inside the plane ({@link #clamped}),
     * row by row: what {@link #cells} turns into means at this or a coarser grid.
     */
    double[] corners(double[] r, int n) {
        double x0 = r[0];
        double x1 = r[2];
        double y0 = r[1];
        double y1 = r[3];
        int[] ix = new int[n + 1];
        double[] fx = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            double x = Math.min(width, x0 + (x1 - x0) * i / n);
            ix[i] = Math.min(width - 1, (int) x);
            fx[i] = x - ix[i];
        }
        int stride = width + 1;
        double[] out = new double[(n + 1) * (n + 1)];
        for (int j = 0; j <= n; j++) {
            double y = Math.min(height, y0 + (y1 - y0) * j / n);
            int iy = Math.min(height - 1, (int) y);
            double fy = y - iy;
            int top = iy * stride;
            int bottom = top + stride;
            int o = j * (n + 1);
            for (int i = 0; i <= n; i++) {
                int k = ix[i];
                double f = fx[i];
                double a = at(top + k);
                double b = at(bottom + k);
                double upper = a + f * (at(top + k + 1) - a);
                double lower = b + f * (at(bottom + k + 1) - b);
                out[o + i] = upper + fy * (lower - upper);
            }
        }
        return out;
    }

    /**
     * The means of the {@code (n / step)²} cells whose corners are every {@code step}-th of {@code
     * corners} (from {@link #corners} of {@code r} with {@code n}), row by row. A rectangle of no
     * area has no mean to give: its cells are 0.
     */
    static float[] cells(double[] corners, int n, int step, double[] r) {
        int m = n / step;
        int stride = n + 1;
        float[] out = new float[m * m];
        double area = (r[2] - r[0]) * (r[3] - r[1]) / ((double) m * m);
        if (!(area > 0)) {
            return out;
        }
        for (int j = 0; j < m; j++) {
            int top = j * step * stride;
            int bottom = top + step * stride;
            for (int i = 0; i < m; i++) {
                int a = i * step;
                int b = a + step;
                double sum =
                        corners[bottom + b]
                                - corners[bottom + a]
                                - corners[top + b]
                                + corners[top + a];
                out[j * m + i] = (float) (sum / area);
            }
        }
        return out;
    }

    /** The means of an {@code n × n} grid over {@code r}. */
    float[] grid(double[] r, int n) {
        double[] c = clamped(r);
        return cells(corners(c, n), n, 1, c);
    }

    /** {@code r} clamped to the plane. */
    double[] clamped(double[] r) {
        double x0 = clamp(r[0], width);
        double y0 = clamp(r[1], height);
        return new double[] {
            x0, y0, Math.max(x0, clamp(r[2], width)), Math.max(y0, clamp(r[3], height))
        };
    }

    private static double clamp(double v, int limit) {
        return Math.max(0, Math.min(limit, v));
    }
}
