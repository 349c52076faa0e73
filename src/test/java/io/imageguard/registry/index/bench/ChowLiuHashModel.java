package io.imageguard.registry.index.bench;

import java.util.SplittableRandom;

/**
 * A generative model of 64-bit perceptual hashes fitted on real ones: a Chow–Liu tree (the
 * maximum-mutual-information spanning tree over the 64 bits), which reproduces every bit's bias and
 * the strongest pairwise dependencies exactly in expectation, while each sample is a new hash.
 * Probabilities are Laplace-smoothed so that no hash is impossible.
 */
public final class ChowLiuHashModel implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] order = new int[64]; // bits in sampling order, parents first
    private final int[] parent = new int[64]; // −1 for the root
    private final double[] pOneRoot = new double[1];

    /** P(bit = 1 | parent bit = 0 or 1). */
    private final double[][] pOne = new double[64][2];

    private ChowLiuHashModel() {}

    public static ChowLiuHashModel fit(long[] hashes) {
        int n = hashes.length;
        double[][][] joint = new double[64][64][4];
        for (long h : hashes) {
            for (int i = 0; i < 64; i++) {
                int bi = (int) (h >>> i & 1);
                for (int j = i + 1; j < 64; j++) {
                    joint[i][j][bi * 2 + (int) (h >>> j & 1)]++;
                }
            }
        }
        double[] p1 = new double[64];
        for (long h : hashes) {
            for (int i = 0; i < 64; i++) {
                p1[i] += h >>> i & 1;
            }
        }
        double[][] mi = new double[64][64];
        for (int i = 0; i < 64; i++) {
            for (int j = i + 1; j < 64; j++) {
                double m = 0;
                for (int c = 0; c < 4; c++) {
                    double pij = (joint[i][j][c] + 0.25) / (n + 1);
                    double pi = c / 2 == 1 ? (p1[i] + 0.5) / (n + 1) : 1 - (p1[i] + 0.5) / (n + 1);
                    double pj = c % 2 == 1 ? (p1[j] + 0.5) / (n + 1) : 1 - (p1[j] + 0.5) / (n + 1);
                    m += pij * Math.log(pij / (pi * pj));
                }
                mi[i][j] = m;
                mi[j][i] = m;
            }
        }
        // Prim's maximum spanning tree from bit 0.
        ChowLiuHashModel model = new ChowLiuHashModel();
        boolean[] in = new boolean[64];
        double[] best = new double[64];
        int[] from = new int[64];
        java.util.Arrays.fill(best, -1);
        in[0] = true;
        model.order[0] = 0;
        model.parent[0] = -1;
        for (int j = 1; j < 64; j++) {
            best[j] = mi[0][j];
            from[j] = 0;
        }
        for (int k = 1; k < 64; k++) {
            int next = -1;
            for (int j = 0; j < 64; j++) {
                if (!in[j] && (next < 0 || best[j] > best[next])) {
                    next = j;
                }
            }
            in[next] = true;
            model.order[k] = next;
            model.parent[next] = from[next];
            for (int j = 0; j < 64; j++) {
                if (!in[j] && mi[next][j] > best[j]) {
                    best[j] = mi[next][j];
                    from[j] = next;
                }
            }
        }
        model.pOneRoot[0] = (p1[0] + 0.5) / (n + 1);
        for (int b = 1; b < 64; b++) {
            int a = model.parent[b];
            double[] ones = new double[2];
            double[] all = new double[2];
            for (long h : hashes) {
                int pa = (int) (h >>> a & 1);
                all[pa]++;
                ones[pa] += h >>> b & 1;
            }
            for (int pa = 0; pa < 2; pa++) {
                model.pOne[b][pa] = (ones[pa] + 0.5) / (all[pa] + 1);
            }
        }
        return model;
    }

    public long sample(SplittableRandom random) {
        long h = random.nextDouble() < pOneRoot[0] ? 1L : 0L;
        for (int k = 1; k < 64; k++) {
            int b = order[k];
            int pa = (int) (h >>> parent[b] & 1);
            if (random.nextDouble() < pOne[b][pa]) {
                h |= 1L << b;
            }
        }
        return h;
    }
}
