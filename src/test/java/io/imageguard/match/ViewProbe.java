package io.imageguard.match;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

/** Dev-set experiments: every candidate view of an image with its 64- and 256-bit hashes. */
public final class ViewProbe {
    public final Map<String, long[]> h64 = new LinkedHashMap<>();
    public final Map<String, long[]> h256 = new LinkedHashMap<>();

    public static ViewProbe of(BufferedImage image) {
        ViewProbe p = new ViewProbe();
        GrayImage g = GrayImage.of(image);
        p.put("W", g, Views.whole(g));
        double[] t = Views.trim(g);
        p.put("T", g, t);
        p.put("C90", g, inset(t, 0.05, 0.05, 0.05, 0.05));
        p.put("C80", g, inset(t, 0.10, 0.10, 0.10, 0.10));
        p.put("SL", g, inset(t, 0.12, 0, 0, 0));
        p.put("SR", g, inset(t, 0, 0, 0.12, 0));
        p.put("ST", g, inset(t, 0, 0.12, 0, 0));
        p.put("SB", g, inset(t, 0, 0, 0, 0.12));
        double[] r = Views.photoRegion(g);
        if (r != null) {
            p.put("R", g, r);
            double[] rt =
                    Views.trim(
                            g.crop(
                                    r[0],
                                    r[1],
                                    r[2],
                                    r[3],
                                    (int) (r[2] - r[0]),
                                    (int) (r[3] - r[1])));
            p.put("RT", g, new double[] {r[0] + rt[0], r[1] + rt[1], r[0] + rt[2], r[1] + rt[3]});
        }
        return p;
    }

    private void put(String name, GrayImage g, double[] r) {
        h64.put(name, DctHash.H64.of(g, r));
        h256.put(name, DctHash.H256.of(g, r));
    }

    static double[] inset(double[] r, double l, double t, double rr, double b) {
        double w = r[2] - r[0];
        double h = r[3] - r[1];
        return new double[] {r[0] + l * w, r[1] + t * h, r[2] - rr * w, r[3] - b * h};
    }

    public static int d64(long[] a, long[] b, boolean mirror) {
        return DctHash.H64.distance(a, b, mirror);
    }

    public static int d256(long[] a, long[] b, boolean mirror) {
        return DctHash.H256.distance(a, b, mirror);
    }
}
