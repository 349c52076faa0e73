package io.imageguard.match;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Single-view DCT hashes for the dev-set tools: the whole image ({@code W}) and its trimmed view
 * ({@code T}), the one-global-hash references the multi-view design is compared with, and the
 * near-duplicate filter of the dev-set builder.
 */
public final class ViewProbe {
    public final Map<String, long[]> h64 = new LinkedHashMap<>();
    public final Map<String, long[]> h256 = new LinkedHashMap<>();

    public static ViewProbe of(BufferedImage image) {
        ViewProbe p = new ViewProbe();
        GrayImage g = GrayImage.of(image);
        p.put("W", g, Views.whole(g));
        double[] t = Views.trim(g);
        p.put("T", g, t);
        return p;
    }

    private void put(String name, GrayImage g, double[] r) {
        h64.put(name, DctHash.H64.of(g, r));
        h256.put(name, DctHash.H256.of(g, r));
    }

    public static int d64(long[] a, long[] b, boolean mirror) {
        return DctHash.H64.distance(a, b, mirror);
    }

    public static int d256(long[] a, long[] b, boolean mirror) {
        return DctHash.H256.distance(a, b, mirror);
    }
}
