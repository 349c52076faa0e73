package io.imageguard.devset;

import dev.brachtendorf.jimagehash.hash.Hash;
import dev.brachtendorf.jimagehash.hashAlgorithms.PerceptiveHash;
import io.imageguard.ingest.PhotoHasher;
import io.imageguard.ingest.decode.ImageDecodeException;
import io.imageguard.ingest.decode.ReducedImageDecoder;
import io.imageguard.ingest.decode.TestJpegs;
import io.imageguard.match.AreaAverage;
import io.imageguard.match.PhotoHash;
import io.imageguard.match.PhotoInput;
import io.imageguard.match.PhotoMatcher;
import io.imageguard.match.ViewProbe;
import io.imageguard.synth.PhotoEdit;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;
import javax.imageio.ImageIO;

/**
 * Scores matching designs on the dev set built by {@link DevSetBuilder}: every original is edited
 * by every selected {@link PhotoEdit} (seeded per photo and edit), each image is reduced to a long
 * side of {@code --input-side} (default 512) by area averaging (what the decoder hands the hasher
 * in production), and each design scores registered-original × query pairs. False-match thresholds
 * come from all ordered pairs of different originals plus every original against the edits of every
 * other photo; per-edit recall and the hard-negative match rate are read at those thresholds.
 *
 * <p>Usage: {@code Evaluate DEVSET_DIR [--originals N] [--edits id,id,...] [--input-side N]
 * [--radii R,...] [--fixed R:T,...] [--region-offsets R:O,...] [--region-radii R:RR,...]
 * [--pdq-full] [--via-side N]}. {@code --radii ''} skips the "radius + verification" designs;
 * {@code --via-side} first reduces to N and then enlarges to the input side. Also prints the mean
 * cost of {@link PhotoMatcher#hash} per image at that input side (single thread).
 *
 * <p>When Meta's PDQ classes are on the classpath ({@link PdqBaseline}), two more designs are
 * scored on the same reduced images: "PDQ" (256-bit Hamming distance) and "PDQ + mirror" (also the
 * query's mirror hash, the smaller distance decides), and PDQ's cost per image is printed. {@code
 * --pdq-full} adds both again on the images before reduction (edits apply at ≤ 1024 px).
 */
public final class Evaluate {
    static int inputSide = 512;

    /** {@code --via-side N}: reduce to N first, then enlarge to the input side (0: off). */
    static int viaSide = 0;

    /**
     * {@code --via-jpeg Q}: the imageguard designs hash each image as the job does, from JPEG bytes
     * (quality Q, 4:2:0) through {@link PhotoHasher}, rather than from the image itself; the
     * baselines still get the image. 0: off.
     */
    static float viaJpeg = 0;

    /**
     * {@code --jpeg-route planes|rgb|full}: with {@code --via-jpeg}, how the bytes are decoded:
     * {@code planes} as the job does (default); {@code rgb} the same reduced decode but to RGB
     * before hashing (the route before planes); {@code full} ImageIO's full decode and an area
     * average, the decoded-image evaluation's filter with compression in front of it.
     */
    static String jpegRoute = "planes";

    static long hashNanos;
    static long hashCount;
    static final PhotoMatcher MATCHER = new PhotoMatcher();
    static final boolean DIAG = Boolean.getBoolean("diag");
    static final double[] FMRS = {1e-3, 1e-4};
    static final PdqBaseline PDQ = PdqBaseline.loadOrNull();
    static boolean pdqFull;
    static long pdqNanos;

    /**
     * One image's signatures under every design; {@code pdq} (on the reduced image) and {@code
     * pdqFull} (before reduction) are {@link PdqBaseline#hash} results, null when not computed.
     */
    record Sig(Hash phash, ViewProbe views, PhotoHash photo, long[] pdq, long[] pdqFull) {}

    static final List<String> hardKinds = new ArrayList<>();

    /** A design; {@code fixed} is a threshold to report besides the FMR ones (NaN for none). */
    record Design(String name, ToDoubleBiFunction<Sig, Sig> score, double fixed) {
        Design(String name, ToDoubleBiFunction<Sig, Sig> score) {
            this(name, score, Double.NaN);
        }
    }

    /** {@code --fixed R:T,...}: verification threshold T to report at candidate radius R. */
    static final Map<Integer, Integer> fixedThresholds = new java.util.HashMap<>();

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int maxOriginals = Integer.MAX_VALUE;
        List<PhotoEdit> edits = Arrays.asList(PhotoEdit.values());
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--originals" -> maxOriginals = Integer.parseInt(args[++i]);
                case "--input-side" -> inputSide = Integer.parseInt(args[++i]);
                case "--via-side" -> viaSide = Integer.parseInt(args[++i]);
                case "--pdq-full" -> pdqFull = true;
                case "--via-jpeg" -> viaJpeg = Float.parseFloat(args[++i]);
                case "--jpeg-route" -> {
                    jpegRoute = args[++i];
                    if (!List.of("planes", "rgb", "full").contains(jpegRoute)) {
                        throw new IllegalArgumentException("--jpeg-route " + jpegRoute);
                    }
                }
                case "--fixed" -> {
                    for (String rt : args[++i].split(",")) {
                        String[] p = rt.split(":");
                        fixedThresholds.put(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
                    }
                }
                case "--region-offsets" -> {
                    for (String ro : args[++i].split(",")) {
                        String[] p = ro.split(":");
                        regionOffsets
                                .computeIfAbsent(Integer.parseInt(p[0]), k -> new ArrayList<>())
                                .add(Integer.parseInt(p[1]));
                    }
                }
                case "--region-radii" -> {
                    for (String rr : args[++i].split(",")) {
                        String[] p = rr.split(":");
                        regionRadii
                                .computeIfAbsent(Integer.parseInt(p[0]), k -> new ArrayList<>())
                                .add(Integer.parseInt(p[1]));
                    }
                }
                case "--radii" ->
                        radii =
                                Arrays.stream(args[++i].split(","))
                                        .filter(r -> !r.isBlank())
                                        .mapToInt(Integer::parseInt)
                                        .toArray();
                case "--edits" ->
                        edits = Arrays.stream(args[++i].split(",")).map(PhotoEdit::byId).toList();
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        PerceptiveHash phash = new PHashBaseline();
        List<Path> originals;
        try (var s = Files.list(dir.resolve("originals"))) {
            originals = s.sorted().limit(maxOriginals).toList();
        }
        int n = originals.size();
        Sig[] orig = new Sig[n];
        Sig[][] edited = new Sig[edits.size()][n];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            BufferedImage img = ImageIO.read(originals.get(i).toFile());
            orig[i] = sign(img, phash);
            for (int e = 0; e < edits.size(); e++) {
                PhotoEdit edit = edits.get(e);
                BufferedImage copy = edit.apply(img, new SplittableRandom(seed(i, edit)));
                edited[e][i] = sign(copy, phash);
            }
        }
        List<Sig[]> hardNeg = new ArrayList<>();
        hardKinds.clear();
        for (String row : Files.readAllLines(dir.resolve("hardneg.tsv"))) {
            String id = row.split("\t")[0];
            hardKinds.add(row.split("\t")[1]);
            hardNeg.add(
                    new Sig[] {
                        sign(ImageIO.read(dir.resolve("hardneg/" + id + "-a.png").toFile()), phash),
                        sign(ImageIO.read(dir.resolve("hardneg/" + id + "-b.png").toFile()), phash)
                    });
        }
        System.out.printf(
                Locale.ROOT,
                "%d originals, %d edits, %d hard-negative pairs, signed in %.0f s%n"
                        + "input side %d: PhotoMatcher.hash %.2f ms per image (mean of %d)%n",
                n,
                edits.size(),
                hardNeg.size(),
                (System.nanoTime() - t0) / 1e9,
                inputSide,
                hashNanos / 1e6 / hashCount,
                hashCount);
        if (PDQ != null) {
            System.out.printf(
                    Locale.ROOT,
                    "input side %d: PDQ hash + mirror hash %.2f ms per image (mean of %d)%n",
                    inputSide,
                    pdqNanos / 1e6 / hashCount,
                    hashCount);
        }
        for (Design d : designs()) {
            report(d, orig, edited, edits, hardNeg);
        }
        decidingViews(orig, edited);
    }

    /**
     * For the default matcher's matched copies: which registered view × query view pair decided,
     * and the largest 64-bit distance such a pair needed (the radius that view pair uses).
     */
    static void decidingViews(Sig[] orig, Sig[][] edited) {
        Map<String, int[]> tally = new java.util.TreeMap<>();
        for (Sig[] e : edited) {
            for (int i = 0; i < orig.length; i++) {
                PhotoMatcher.Comparison c = MATCHER.compare(orig[i].photo, e[i].photo);
                if (c.match()) {
                    String key =
                            c.registeredView()
                                    + " x "
                                    + c.queryView()
                                    + (c.mirrored() ? " (mirror)" : "");
                    int[] t = tally.computeIfAbsent(key, k -> new int[2]);
                    t[0]++;
                    t[1] = Math.max(t[1], pairDistance(orig[i].photo, e[i].photo, c));
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%n## deciding view pairs (radius %d, verify <= %d, region views <= %d)%n",
                MATCHER.candidateRadius(),
                MATCHER.verifyThreshold(),
                MATCHER.regionVerifyThreshold());
        System.out.println("| registered x query | matched copies | largest 64-bit distance |");
        System.out.println("|---|---|---|");
        tally.forEach(
                (k, v) -> System.out.printf(Locale.ROOT, "| %s | %d | %d |%n", k, v[0], v[1]));
    }

    private static int pairDistance(PhotoHash a, PhotoHash b, PhotoMatcher.Comparison c) {
        long x = a.indexHash(c.registeredView()) ^ b.indexHash(c.queryView());
        return Long.bitCount(c.mirrored() ? x ^ PhotoHash.MIRROR_MASK_64 : x);
    }

    static long seed(int photo, PhotoEdit edit) {
        return 0x5EED_0000L + 1_000_003L * photo + edit.ordinal();
    }

    static Sig sign(BufferedImage image, PerceptiveHash phash) {
        BufferedImage small = AreaAverage.reduce(image, inputSide);
        if (viaSide > 0 && viaSide < inputSide) {
            // What a decoder at a coarse JPEG scale, enlarged back to the input side, would give.
            BufferedImage coarse = AreaAverage.reduce(image, viaSide);
            small =
                    io.imageguard.ingest.decode.AreaAverage.resize(
                            coarse, small.getWidth(), small.getHeight());
        }
        long t0 = System.nanoTime();
        PhotoHash photo = viaJpeg > 0 ? viaJpeg(image) : MATCHER.hash(small);
        hashNanos += System.nanoTime() - t0;
        hashCount++;
        long[] pdq = null;
        long[] full = null;
        if (PDQ != null) {
            t0 = System.nanoTime();
            pdq = PDQ.hash(small);
            pdqNanos += System.nanoTime() - t0;
            full = pdqFull ? PDQ.hash(image) : null;
        }
        return new Sig(phash.hash(small), ViewProbe.of(small), photo, pdq, full);
    }

    private static PhotoHash viaJpeg(BufferedImage image) {
        byte[] jpeg = TestJpegs.jpeg(image, TestJpegs.Encoding.baseline420().quality(viaJpeg));
        try {
            if (jpegRoute.equals("planes")) {
                return MATCHER.hash(new PhotoHasher(100_000_000L, 4.0, inputSide).input(jpeg));
            }
            if (jpegRoute.equals("full")) {
                return MATCHER.hash(
                        AreaAverage.reduce(
                                ImageIO.read(new java.io.ByteArrayInputStream(jpeg)), inputSide));
            }
            int w = image.getWidth();
            int h = image.getHeight();
            // PhotoHasher's shorter side: the one that gives inputSide on the longer
            int shorter = (int) Math.ceil((double) inputSide * Math.min(w, h) / Math.max(w, h));
            return MATCHER.hash(
                    PhotoInput.of(
                            AreaAverage.reduce(
                                    new ReducedImageDecoder(100_000_000L).decode(jpeg, shorter),
                                    inputSide)));
        } catch (ImageDecodeException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Candidate radii of the "radius + verification" designs ({@code --radii}). */
    static int[] radii = {12, 14, 16, 18};

    static List<Design> designs() {
        List<Design> d = new ArrayList<>();
        d.add(new Design("pHash-64 (JImageHash)", (a, b) -> a.phash.hammingDistance(b.phash)));
        if (PDQ != null) {
            d.add(new Design("PDQ", (a, b) -> PdqBaseline.distance(a.pdq, 0, b.pdq, 0)));
            d.add(new Design("PDQ + mirror", (a, b) -> pdqMirror(a.pdq, b.pdq)));
            if (pdqFull) {
                d.add(
                        new Design(
                                "PDQ, full resolution",
                                (a, b) -> PdqBaseline.distance(a.pdqFull, 0, b.pdqFull, 0)));
                d.add(
                        new Design(
                                "PDQ + mirror, full resolution",
                                (a, b) -> pdqMirror(a.pdqFull, b.pdqFull)));
            }
        }
        d.add(new Design("dct64 whole+mirror", views(List.of("W"), List.of("W"), true)));
        d.add(new Design("dct64 trim+mirror", views(List.of("T"), List.of("T"), true)));
        d.add(
                new Design(
                        "imageguard views, 64-bit only",
                        (a, b) -> MATCHER.compare(a.photo, b.photo).indexDistance()));
        for (int r : radii) {
            List<Integer> regionRadiiOfR = new ArrayList<>(List.of(r));
            regionRadiiOfR.addAll(regionRadii.getOrDefault(r, List.of()));
            for (int rr : regionRadiiOfR) {
                for (int offset : regionOffsets.getOrDefault(r, List.of(DEFAULT_REGION_OFFSET))) {
                    // Score: the deciding pair's distance, less the region offset for region views,
                    // so threshold T on the score is the matcher at (T, T + offset).
                    PhotoMatcher m = new PhotoMatcher(r, rr, 0, offset);
                    String name =
                            "imageguard radius "
                                    + r
                                    + (rr == r ? "" : " (region views " + rr + ")")
                                    + " + verification (region views +"
                                    + offset
                                    + ")";
                    d.add(
                            new Design(
                                    name,
                                    (a, b) -> score(m.compare(a.photo, b.photo)),
                                    fixedThresholds.getOrDefault(r, -1)));
                    d.add(
                            new Design(
                                    name + ", luminance only",
                                    (a, b) ->
                                            score(
                                                    m.compare(
                                                            a.photo.withoutColour(),
                                                            b.photo.withoutColour())),
                                    fixedThresholds.getOrDefault(r, -1)));
                }
            }
        }
        return d;
    }

    /** A matcher at thresholds (0, offset): its margin is the score; no candidate pair scores ∞. */
    private static double score(PhotoMatcher.Comparison c) {
        return c.verified() ? PhotoMatcher.margin(c) : Double.POSITIVE_INFINITY;
    }

    /** Region views verify this much above the whole-view threshold (matching's 75 − 47). */
    static final int DEFAULT_REGION_OFFSET =
            PhotoMatcher.DEFAULT_REGION_VERIFY - PhotoMatcher.DEFAULT_VERIFY;

    /**
     * {@code --region-radii 10:12,10:14}: besides radius R for every view, also evaluate R with the
     * region query views at radius RR (each with every region offset of R).
     */
    static final Map<Integer, List<Integer>> regionRadii = new java.util.HashMap<>();

    /** {@code --region-offsets 10:28,10:37}: offsets to evaluate per radius. */
    static final Map<Integer, List<Integer>> regionOffsets = new java.util.HashMap<>();

    /** Registered hash against the query's hash and the query's mirror hash: the smaller. */
    private static int pdqMirror(long[] registered, long[] query) {
        return Math.min(
                PdqBaseline.distance(registered, 0, query, 0),
                PdqBaseline.distance(registered, 0, query, 4));
    }

    /** Minimum 64-bit distance over registered × query views (and the query's mirror). */
    static ToDoubleBiFunction<Sig, Sig> views(
            List<String> reg, List<String> query, boolean mirror) {
        return (a, b) -> {
            int best = Integer.MAX_VALUE;
            for (String r : reg) {
                long[] ha = a.views.h64.get(r);
                if (ha == null) {
                    continue;
                }
                for (String q : query) {
                    long[] hb = b.views.h64.get(q);
                    if (hb == null) {
                        continue;
                    }
                    best = Math.min(best, ViewProbe.d64(ha, hb, false));
                    if (mirror) {
                        best = Math.min(best, ViewProbe.d64(ha, hb, true));
                    }
                }
            }
            return best;
        };
    }

    static void report(
            Design d, Sig[] orig, Sig[][] edited, List<PhotoEdit> edits, List<Sig[]> hardNeg) {
        int n = orig.length;
        // Negatives: ordered pairs of different originals, and each original against other photos'
        // edits.
        double[] neg = new double[n * (n - 1) * (1 + edits.size())];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                neg[k++] = d.score.applyAsDouble(orig[i], orig[j]);
                for (Sig[] e : edited) {
                    neg[k++] = d.score.applyAsDouble(orig[i], e[j]);
                }
            }
        }
        Arrays.sort(neg);
        System.out.printf(Locale.ROOT, "%n## %s (%d negative pairs)%n", d.name, neg.length);
        int finite = upper(neg, Double.MAX_VALUE);
        if (finite < neg.length) {
            System.out.printf(
                    Locale.ROOT,
                    "verification ran for %.3f%% of negative pairs%n",
                    100.0 * finite / neg.length);
        }
        boolean fixed = d.fixed >= 0;
        double[] thresholds = new double[FMRS.length + (fixed ? 1 : 0)];
        StringBuilder head = new StringBuilder("| edit |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int f = 0; f < FMRS.length; f++) {
            int allowed = (int) Math.floor(FMRS[f] * neg.length);
            // Largest threshold t with at most `allowed` negatives scoring <= t.
            double t = Double.NEGATIVE_INFINITY;
            for (int m = 0; m < neg.length; m++) {
                double cand = neg[m];
                int count = upper(neg, cand);
                if (count <= allowed) {
                    t = cand;
                } else {
                    break;
                }
            }
            if (t == Double.NEGATIVE_INFINITY) {
                t = neg[0] - 1;
            }
            thresholds[f] = t;
            head.append(
                    String.format(
                            Locale.ROOT,
                            " @FMR %.2f%% (t=%s, actual %.4f%%) |",
                            FMRS[f] * 100,
                            fmt(t),
                            100.0 * upper(neg, t) / neg.length));
            rule.append("---|");
        }
        if (fixed) {
            thresholds[FMRS.length] = d.fixed;
            head.append(
                    String.format(
                            Locale.ROOT,
                            " at t=%s (FMR %.4f%%) |",
                            fmt(d.fixed),
                            100.0 * upper(neg, d.fixed) / neg.length));
            rule.append("---|");
        }
        System.out.println(head);
        System.out.println(rule);
        double[][] sums = new double[thresholds.length][2];
        int[] counts = new int[2];
        for (int e = 0; e < edits.size(); e++) {
            StringBuilder line = new StringBuilder("| " + edits.get(e).id() + " |");
            int stress = edits.get(e).stress() ? 1 : 0;
            counts[stress] += n;
            for (int f = 0; f < thresholds.length; f++) {
                int hit = 0;
                for (int i = 0; i < n; i++) {
                    if (d.score.applyAsDouble(orig[i], edited[e][i]) <= thresholds[f]) {
                        hit++;
                    }
                }
                sums[f][stress] += hit;
                line.append(String.format(Locale.ROOT, " %.1f%% |", 100.0 * hit / n));
            }
            System.out.println(line);
        }
        for (int s = 0; s < 2; s++) {
            StringBuilder line =
                    new StringBuilder(
                            s == 0 ? "| **all non-stress** |" : "| **screenshot+banner** |");
            for (int f = 0; f < thresholds.length; f++) {
                line.append(
                        String.format(
                                Locale.ROOT,
                                " **%.1f%%** |",
                                counts[s] == 0 ? 0 : 100.0 * sums[f][s] / counts[s]));
            }
            System.out.println(line);
        }
        for (String kind : new java.util.TreeSet<>(hardKinds)) {
            StringBuilder line = new StringBuilder("| hard negatives matched: " + kind + " |");
            for (int f = 0; f < thresholds.length; f++) {
                int hit = 0;
                int total = 0;
                for (int p = 0; p < hardNeg.size(); p++) {
                    if (!hardKinds.get(p).equals(kind)) {
                        continue;
                    }
                    total++;
                    Sig[] pair = hardNeg.get(p);
                    if (Math.min(
                                    d.score.applyAsDouble(pair[0], pair[1]),
                                    d.score.applyAsDouble(pair[1], pair[0]))
                            <= thresholds[f]) {
                        hit++;
                    }
                }
                line.append(String.format(Locale.ROOT, " %d / %d |", hit, total));
            }
            System.out.println(line);
        }
        if (DIAG) {
            // Misses at the design's fixed threshold when it has one, else at the 0.01% one.
            double missAt = Double.isNaN(d.fixed) ? thresholds[1] : d.fixed;
            for (int e = 0; e < edits.size(); e++) {
                StringBuilder miss = new StringBuilder("missed " + edits.get(e).id() + ":");
                for (int i = 0; i < n; i++) {
                    if (d.score.applyAsDouble(orig[i], edited[e][i]) > missAt) {
                        miss.append(' ').append(i);
                    }
                }
                System.out.println(miss);
            }
            StringBuilder low = new StringBuilder("closest original pairs:");
            List<double[]> pairs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        pairs.add(new double[] {d.score.applyAsDouble(orig[i], orig[j]), i, j});
                    }
                }
            }
            pairs.sort((x, y) -> Double.compare(x[0], y[0]));
            for (double[] x : pairs.subList(0, 30)) {
                low.append(
                        String.format(Locale.ROOT, " %d-%d:%s", (int) x[1], (int) x[2], fmt(x[0])));
            }
            System.out.println(low);
        }
    }

    /** Number of sorted values {@code <= t}. */
    private static int upper(double[] sorted, double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static String fmt(double t) {
        return t == Math.rint(t) ? String.valueOf((long) t) : String.format(Locale.ROOT, "%.3f", t);
    }
}
