package io.imageguard.match;

import java.util.Arrays;

/**
 * DCT hashes of a view: the view reduced by area averaging to a square thumbnail, its 2-D DCT-II,
 * and one bit per low-frequency AC coefficient (ordered by {@code u + v}, then {@code u}) set when
 * the coefficient is positive. Two sizes: 64 bits from a 32×32 thumbnail (the indexed hash) and 256
 * bits from a 64×64 thumbnail (the verification hash).
 *
 * <p>Thresholding at zero rather than at the median leaves the bits unchanged by brightness and
 * contrast changes, and makes the mirror image's hash a fixed bit flip: mirroring left-right
 * negates exactly the coefficients of odd horizontal frequency {@code u}, so {@code
 * hash(mirror(view)) = hash(view) ^ mirrorMask} without hashing the mirrored image.
 */
final class DctHash {
    static final DctHash H64 = new DctHash(32, 64);
    static final DctHash H256 = new DctHash(64, 256);

    final int side;
    final int bits;
    private final int[] us;
    private final int[] vs;
    private final int maxFreq;
    private final double[][] cos;

    /** Bits a left-right mirror flips, as {@code bits / 64} words. */
    final long[] mirrorMask;

    private DctHash(int side, int bits) {
        this.side = side;
        this.bits = bits;
        us = new int[bits];
        vs = new int[bits];
        mirrorMask = new long[bits / 64];
        int i = 0;
        int max = 0;
        for (int s = 1; i < bits; s++) {
            for (int u = 0; u <= s && i < bits; u++) {
                us[i] = u;
                vs[i] = s - u;
                max = s;
                if ((u & 1) == 1) {
                    mirrorMask[i >> 6] |= 1L << (63 - (i & 63));
                }
                i++;
            }
        }
        maxFreq = max;
        cos = new double[max + 1][side];
        for (int k = 0; k <= max; k++) {
            for (int n = 0; n < side; n++) {
                cos[k][n] = Math.cos(Math.PI * (2 * n + 1) * k / (2.0 * side));
            }
        }
    }

    /** The hash of the rectangle {@code r = {x0, y0, x1, y1}} of {@code image}. */
    long[] of(GrayImage image, double[] r) {
        return ofThumbnail(AreaSums.of(image).grid(r, side));
    }

    long[] ofThumbnail(float[] px) {
        // cos[k][side − 1 − n] = (−1)^k cos[k][n]: each transform sums mirrored pairs of samples,
        // their sum for even frequencies and their difference for odd ones, over half the side.
        int half = side / 2;
        double[] sum = new double[half * side];
        double[] diff = new double[half * side];
        for (int y = 0; y < half; y++) {
            int top = y * side;
            int bottom = (side - 1 - y) * side;
            for (int x = 0; x < side; x++) {
                sum[top + x] = px[top + x] + px[bottom + x];
                diff[top + x] = px[top + x] - px[bottom + x];
            }
        }
        // Column transform for every vertical frequency needed, folded the same way along rows.
        double[][] rowSum = new double[maxFreq + 1][half];
        double[][] rowDiff = new double[maxFreq + 1][half];
        double[] row = new double[side];
        for (int v = 0; v <= maxFreq; v++) {
            double[] c = cos[v];
            double[] folded = (v & 1) == 0 ? sum : diff;
            Arrays.fill(row, 0);
            for (int y = 0; y < half; y++) {
                double cy = c[y];
                int base = y * side;
                for (int x = 0; x < side; x++) {
                    row[x] += cy * folded[base + x];
                }
            }
            for (int x = 0; x < half; x++) {
                rowSum[v][x] = row[x] + row[side - 1 - x];
                rowDiff[v][x] = row[x] - row[side - 1 - x];
            }
        }
        long[] h = new long[bits / 64];
        for (int i = 0; i < bits; i++) {
            double[] c = cos[us[i]];
            double[] r = (us[i] & 1) == 0 ? rowSum[vs[i]] : rowDiff[vs[i]];
            double s = 0;
            for (int x = 0; x < half; x++) {
                s += c[x] * r[x];
            }
            if (s > 0) {
                h[i >> 6] |= 1L << (63 - (i & 63));
            }
        }
        return h;
    }

    /** Hamming distance between {@code a} and {@code b}, or {@code b}'s mirror image. */
    int distance(long[] a, long[] b, boolean mirror) {
        int d = 0;
        for (int k = 0; k < a.length; k++) {
            d += Long.bitCount(a[k] ^ b[k] ^ (mirror ? mirrorMask[k] : 0));
        }
        return d;
    }
}
