package io.imageguard.ingest.bench;

import io.imageguard.ingest.PhotoHasher;
import io.imageguard.ingest.decode.AreaAverage;
import io.imageguard.ingest.decode.TestJpegs;
import io.imageguard.match.PhotoHash;
import io.imageguard.match.PhotoMatcher;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * How far the production route's hashes move when a mid-sized JPEG is decoded at N/8 scale by
 * {@code JpegDcDecoder} instead of in full by ImageIO. A measurement, not a test.
 *
 * <p>Each argument image is area-averaged to the long sides given by {@code -Dsides} (default
 * 640,800,1000,1200; images smaller than a side are skipped for it; {@code -Dsides=cap1000}: to
 * 1000 or the image's own long side if smaller, never enlarged) and encoded by the JDK writer at
 * quality 0.90, 4:2:0 baseline. For each JPEG: {@link PhotoHasher#views} as the job runs it (input
 * side 512), and the same with the old route forced: full ImageIO decode, area average to the
 * shorter side needed, then to 512 on the long side. Per view, the Hamming distance of the 256-bit
 * verification hashes ({@link PhotoHash#verifyHash}, unmirrored); the matcher verifies at 47
 * (whole, trimmed, turned views) and 75 (region views). For scale: the same distance between the
 * old route's hashes of the q90 JPEG and of a q80 re-encode of the same pixels. {@code
 * -Dverbose=true}: a line per JPEG on stderr.
 */
public final class ScaledRouteHashDistance {
    private ScaledRouteHashDistance() {}

    private static final int INPUT_SIDE = 512;
    private static final PhotoHasher HASHER = new PhotoHasher(100_000_000L, 4.0, INPUT_SIDE);
    private static final PhotoMatcher MATCHER = new PhotoMatcher();

    public static void main(String[] args) throws Exception {
        String sidesProperty = System.getProperty("sides", "640,800,1000,1200");
        int[] sides = parseSides(sidesProperty);
        boolean capped = sidesProperty.startsWith("cap");
        Set<String> views = new LinkedHashSet<>(PhotoHash.INDEX_VIEWS);
        views.addAll(PhotoHash.QUERY_VIEWS);
        Map<String, List<Integer>> routeDistances = new LinkedHashMap<>();
        Map<String, List<Integer>> requalityDistances = new LinkedHashMap<>();
        Map<Integer, Integer> scales = new LinkedHashMap<>();
        int photos = 0;
        for (String a : args) {
            BufferedImage src = ImageIO.read(Path.of(a).toFile());
            if (src == null) {
                System.err.println("skipped (ImageIO cannot read): " + a);
                continue;
            }
            for (int side : sides) {
                int w = src.getWidth();
                int h = src.getHeight();
                if (capped) {
                    side = Math.min(side, Math.max(w, h));
                } else if (Math.max(w, h) < side) {
                    continue;
                }
                double f = (double) side / Math.max(w, h);
                int outW = Math.max(1, (int) Math.round(w * f));
                int outH = Math.max(1, (int) Math.round(h * f));
                int needed = shorterSideNeeded(outW, outH);
                int scale = eighths(Math.min(outW, outH), needed);
                scales.merge(scale, 1, Integer::sum);
                if (scale == 0) {
                    continue; // ImageIO on both routes: nothing to compare
                }
                BufferedImage px = AreaAverage.resize(src, outW, outH);
                byte[] q90 = TestJpegs.jpeg(px, TestJpegs.Encoding.baseline420());
                byte[] q80 = TestJpegs.jpeg(px, TestJpegs.Encoding.baseline420().quality(0.8f));
                PhotoHash fresh = HASHER.views(q90);
                PhotoHash old = oldRoute(q90);
                PhotoHash oldQ80 = oldRoute(q80);
                photos++;
                if (Boolean.getBoolean("verbose")) {
                    System.err.printf(
                            Locale.ROOT,
                            "%s %dx%d at %d/8: w %d, t %d; q80 w %d%n",
                            Path.of(a).getFileName(),
                            outW,
                            outH,
                            scale,
                            dist(fresh.verifyHash("w", false), old.verifyHash("w", false)),
                            dist(fresh.verifyHash("t", false), old.verifyHash("t", false)),
                            dist(oldQ80.verifyHash("w", false), old.verifyHash("w", false)));
                }
                for (String v : views) {
                    long[] x = fresh.verifyHash(v, false);
                    long[] y = old.verifyHash(v, false);
                    long[] z = oldQ80.verifyHash(v, false);
                    if (x != null && y != null) {
                        routeDistances.computeIfAbsent(v, k -> new ArrayList<>()).add(dist(x, y));
                    }
                    if (z != null && y != null) {
                        requalityDistances
                                .computeIfAbsent(v, k -> new ArrayList<>())
                                .add(dist(z, y));
                    }
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%d JPEGs compared (q90 4:2:0, long side %s); new route's scale (eighths:"
                        + " count; 0 = ImageIO on both routes, not compared) %s%n",
                photos,
                sidesProperty,
                scales);
        System.out.println(
                "| view | pairs | new vs old route: mean | max | >= 10 bits | old route, q80 vs"
                        + " q90: mean | max |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        List<Integer> allRoute = new ArrayList<>();
        List<Integer> allRequality = new ArrayList<>();
        for (String v : routeDistances.keySet()) {
            List<Integer> d = routeDistances.get(v);
            List<Integer> q = requalityDistances.getOrDefault(v, List.of());
            allRoute.addAll(d);
            allRequality.addAll(q);
            printRow(v, d, q);
        }
        printRow("all", allRoute, allRequality);
    }

    private static void printRow(String label, List<Integer> d, List<Integer> q) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %d | %.2f | %d | %d | %.2f | %d |%n",
                label,
                d.size(),
                mean(d),
                max(d),
                d.stream().filter(x -> x >= 10).count(),
                mean(q),
                max(q));
    }

    /** The route before N/8 scales, forced: ImageIO, then the same two area averages. */
    private static PhotoHash oldRoute(byte[] jpeg) throws Exception {
        BufferedImage full = ImageIO.read(new ByteArrayInputStream(jpeg));
        int w = full.getWidth();
        int h = full.getHeight();
        int target = shorterSideNeeded(w, h);
        // ReducedImageDecoder.reduce: the shorter side to the target, never enlarged.
        BufferedImage reduced;
        int shorter = Math.min(w, h);
        if (shorter <= target) {
            reduced = AreaAverage.resize(full, w, h);
        } else {
            double scale = (double) target / shorter;
            int outW = w <= h ? target : Math.max(target, (int) Math.round(w * scale));
            int outH = h < w ? target : Math.max(target, (int) Math.round(h * scale));
            reduced = AreaAverage.resize(full, outW, outH);
        }
        return MATCHER.hash(io.imageguard.match.AreaAverage.reduce(reduced, INPUT_SIDE));
    }

    /** PhotoHasher.shorterSideNeeded for a readable header. */
    private static int shorterSideNeeded(int w, int h) {
        return Math.max(1, (int) Math.ceil((double) INPUT_SIDE * Math.min(w, h) / Math.max(w, h)));
    }

    /** ReducedImageDecoder.jpegScale for a sequential JPEG; 0: ImageIO. */
    private static int eighths(int shorter, int target) {
        for (int n = 1; n <= 7; n++) {
            if ((long) shorter * n / 8 >= target) {
                return n;
            }
        }
        return 0;
    }

    private static int dist(long[] a, long[] b) {
        int d = 0;
        for (int i = 0; i < a.length; i++) {
            d += Long.bitCount(a[i] ^ b[i]);
        }
        return d;
    }

    private static double mean(List<Integer> d) {
        return d.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
    }

    private static int max(List<Integer> d) {
        return d.stream().mapToInt(Integer::intValue).max().orElse(-1);
    }

    private static int[] parseSides(String s) {
        String[] parts = s.replace("cap", "").split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i].trim());
        }
        return out;
    }
}
