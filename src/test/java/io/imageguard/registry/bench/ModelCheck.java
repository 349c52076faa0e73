package io.imageguard.registry.bench;

import io.imageguard.match.PhotoHash;
import io.imageguard.registry.RegistryHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How close {@link MultiViewHashModel}'s photos are to the real seeds, on what drives the
 * registry's cost: bit balance of the whole view, distance between unrelated photos, how often an
 * unrelated pair is a candidate (some probe key within the radius of some indexed view), and the
 * view-to-view and 64-to-256-bit structure inside a photo.
 */
final class ModelCheck {
    private ModelCheck() {}

    static void print(List<MultiViewSeeds.Seed> seeds, MultiViewHashModel model, int radius) {
        List<long[]> realStore = new ArrayList<>();
        List<long[]> realProbe = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        List<PhotoHash> real = new ArrayList<>();
        for (MultiViewSeeds.Seed s : seeds) {
            real.add(s.hash());
            groups.add(s.group());
        }
        SplittableRandom rnd = new SplittableRandom(3);
        List<PhotoHash> synth = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            synth.add(model.fresh(rnd).hash());
        }
        System.out.println(
                "model check (whole view w; unrelated = different group / different fresh photos):");
        System.out.println(
                "| set | mean abs(P(bit)−½) | mean w distance | w pairs ≤ r−4 | ≤ r | candidate"
                        + " pairs at r | mean d(w,t) | mean d(w,c80) | mean d(w,sl) | mean"
                        + " d(w64, w256 first 64) |");
        System.out.println(row("real seeds", real, groups, radius));
        List<Integer> distinct = new ArrayList<>();
        for (int i = 0; i < synth.size(); i++) {
            distinct.add(i);
        }
        System.out.println(row("model, fresh photos", synth, distinct, radius));
    }

    private static String row(String name, List<PhotoHash> photos, List<Integer> groups, int r) {
        int n = photos.size();
        long[] w = new long[n];
        long[][] store = new long[n][];
        long[][] probe = new long[n][];
        double bias = 0;
        double wt = 0;
        double wc = 0;
        double wsl = 0;
        double w256 = 0;
        for (int i = 0; i < n; i++) {
            PhotoHash h = photos.get(i);
            RegistryHash rh = RegistryHash.parse(h.toText().toString());
            store[i] = rh.storeKeys();
            probe[i] = rh.probeKeys();
            w[i] = h.indexHash("w");
            wt += Long.bitCount(w[i] ^ h.indexHash("t"));
            wc += Long.bitCount(w[i] ^ h.indexHash("c80"));
            wsl += Long.bitCount(w[i] ^ h.indexHash("sl"));
            w256 += Long.bitCount(w[i] ^ h.toText().get("dct256-w").words()[0]);
        }
        for (int b = 0; b < 64; b++) {
            int ones = 0;
            for (long h : w) {
                ones += (int) (h >>> b & 1);
            }
            bias += Math.abs((double) ones / n - 0.5);
        }
        long pairs = 0;
        long near = 0;
        long within = 0;
        long candidates = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (groups.get(i).equals(groups.get(j))) {
                    continue;
                }
                pairs++;
                int d = Long.bitCount(w[i] ^ w[j]);
                sum += d;
                near += d <= r - 4 ? 1 : 0;
                within += d <= r ? 1 : 0;
                candidates += candidate(store[i], probe[j], r) ? 1 : 0;
            }
        }
        return String.format(
                Locale.ROOT,
                "| %s (%d) | %.3f | %.1f | %.1e | %.1e | %.1e | %.1f | %.1f | %.1f | %.1f |",
                name,
                n,
                bias / 64,
                sum / pairs,
                (double) near / pairs,
                (double) within / pairs,
                (double) candidates / pairs,
                wt / n,
                wc / n,
                wsl / n,
                w256 / n);
    }

    private static boolean candidate(long[] store, long[] probe, int r) {
        for (long s : store) {
            for (long p : probe) {
                if (Long.bitCount(s ^ p) <= r) {
                    return true;
                }
            }
        }
        return false;
    }
}
