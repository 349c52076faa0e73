package io.imageguard.devset;

import io.imageguard.match.AreaAverage;
import io.imageguard.match.ViewProbe;
import io.imageguard.synth.ProductPhotoPainter;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Builds the matching dev set from the Debian packages {@code jobs/devset-fetch} extracted under
 * {@code devset/pkgs/root}: real photographs become {@code devset/originals/NNNN.png} (long side at
 * most 1024, area-averaged) listed in {@code devset/originals.tsv}; hard negatives (two different
 * shots of one scene or object) become {@code devset/hardneg/} pairs listed in {@code
 * devset/hardneg.tsv}. Deterministic: files are visited in sorted order and the same packages give
 * the same set.
 *
 * <p>Usage: {@code DevSetBuilder DEVSET_DIR}.
 */
public final class DevSetBuilder {
    static final int ORIGINAL_SIDE = 1024;

    /** At most this many originals from one directory, so no package dominates. */
    private static final int PER_DIR = 40;

    /** Procedural product photos from the demo generator, and how many get a re-shoot pair. */
    private static final int PAINTED = 100;

    private static final int PAINTED_RESHOOTS = 50;
    private static final long PAINTED_SEED = 7_000;

    /** Photos with both sides at least this long are cut into quarters. */
    private static final int TILE_MIN = 1600;

    /** Image sequences of one object or scene (camera moving between frames). */
    private static final String[] SEQUENCES = {
        "ViSP-images/cube",
        "ViSP-images/mbt/cube",
        "ViSP-images/mire-2",
        "ViSP-images/line",
        "ViSP-images/ellipse-1",
        "ViSP-images/mbt-depth/Castle-simu/Images",
        "ViSP-images/mbt-depth/castel/castel"
    };

    /**
     * Neither originals nor hard negatives: one picture warped by OpenCV and again by PIL, so its
     * "frames" are copies of each other.
     */
    private static final String[] WARPED_COPIES = {"ViSP-images/warp"};

    /** Sequences shorter than twice this many frames barely move the camera: skipped. */
    private static final int FRAME_GAP = 12;

    private DevSetBuilder() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "devset");
        Path root = dir.resolve("pkgs/root");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).filter(DevSetBuilder::isImage).sorted().toList();
        }
        Files.createDirectories(dir.resolve("originals"));
        Files.createDirectories(dir.resolve("hardneg"));
        Map<Path, Integer> perDir = new HashMap<>();
        List<ViewProbe> kept = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        List<Path> large = new ArrayList<>();
        for (Path f : files) {
            String rel = root.relativize(f).toString();
            if (inSequence(rel)
                    || isScreenshotDir(rel)
                    || perDir.getOrDefault(f.getParent(), 0) >= PER_DIR) {
                continue;
            }
            BufferedImage img = read(f);
            if (img == null || !isPhotograph(img)) {
                continue;
            }
            if (Math.min(img.getWidth(), img.getHeight()) >= 900) {
                large.add(f);
            }
            for (BufferedImage part : parts(img)) {
                BufferedImage small = AreaAverage.reduce(part, ORIGINAL_SIDE);
                // The same picture shipped at several sizes, localised, or slightly filtered: keep
                // one.
                ViewProbe probe = ViewProbe.of(AreaAverage.reduce(small, 512));
                if (!isPhotograph(part) || isNearDuplicate(probe, kept)) {
                    continue;
                }
                kept.add(probe);
                perDir.merge(f.getParent(), 1, Integer::sum);
                String id = String.format(Locale.ROOT, "%04d", rows.size());
                ImageIO.write(small, "png", dir.resolve("originals/" + id + ".png").toFile());
                rows.add(id + "\t" + rel);
            }
        }
        for (int k = 0; k < PAINTED; k++) {
            String id = String.format(Locale.ROOT, "%04d", rows.size());
            ImageIO.write(
                    ProductPhotoPainter.paint(PAINTED_SEED + k),
                    "png",
                    dir.resolve("originals/" + id + ".png").toFile());
            rows.add(id + "\tpainter:" + (PAINTED_SEED + k));
        }
        Files.write(dir.resolve("originals.tsv"), rows);
        System.out.println("originals: " + rows.size());
        Files.write(dir.resolve("hardneg.tsv"), hardNegatives(root, files, large, dir));
    }

    /**
     * The photo itself, or for a very large photo its four quarters: they share no pixels, so each
     * is a different photo (of the same scene, which makes the false-match estimate harder, not
     * easier).
     */
    private static List<BufferedImage> parts(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        if (Math.min(w, h) < TILE_MIN) {
            return List.of(img);
        }
        return List.of(
                img.getSubimage(0, 0, w / 2, h / 2),
                img.getSubimage(w / 2, 0, w - w / 2, h / 2),
                img.getSubimage(0, h / 2, w / 2, h - h / 2),
                img.getSubimage(w / 2, h / 2, w - w / 2, h - h / 2));
    }

    /**
     * Pairs: frames {@link #FRAME_GAP} apart in each camera sequence, and two crops of a large
     * photo that overlap by a fifth (the same scene framed differently).
     */
    private static List<String> hardNegatives(
            Path root, List<Path> files, List<Path> large, Path dir) throws IOException {
        List<String> rows = new ArrayList<>();
        for (String seq : SEQUENCES) {
            List<Path> frames =
                    files.stream()
                            .filter(f -> root.relativize(f.getParent()).toString().endsWith(seq))
                            .sorted(Comparator.naturalOrder())
                            .toList();
            // Start, middle and end of the camera path: consecutive frames are the same shot.
            int half = frames.size() / 2;
            for (int i = 0; half >= FRAME_GAP && i + half < frames.size(); i += half) {
                BufferedImage a = read(frames.get(i));
                BufferedImage b = read(frames.get(i + half));
                if (a != null && b != null) {
                    writePair(
                            dir, rows, "sequence", root.relativize(frames.get(i)).toString(), a, b);
                }
            }
        }
        for (int k = 0; k < PAINTED_RESHOOTS; k++) {
            long product = PAINTED_SEED + k;
            writePair(
                    dir,
                    rows,
                    "reshoot",
                    "painter:" + product,
                    ProductPhotoPainter.paint(product, 1),
                    ProductPhotoPainter.paint(product, 2));
        }
        for (Path f : large) {
            BufferedImage img = read(f);
            int w = img.getWidth();
            int h = img.getHeight();
            BufferedImage a;
            BufferedImage b;
            if (w >= h) {
                int cw = (int) (w * 0.6);
                a = img.getSubimage(0, 0, cw, h);
                b = img.getSubimage(w - cw, 0, cw, h);
            } else {
                int ch = (int) (h * 0.6);
                a = img.getSubimage(0, 0, w, ch);
                b = img.getSubimage(0, h - ch, w, ch);
            }
            if (w >= h && mirrorImages(a, b)) {
                continue;
            }
            writePair(dir, rows, "reframe", root.relativize(f).toString(), a, b);
        }
        System.out.println("hard-negative pairs: " + rows.size());
        return rows;
    }

    private static void writePair(
            Path dir,
            List<String> rows,
            String kind,
            String source,
            BufferedImage a,
            BufferedImage b)
            throws IOException {
        String id = String.format(Locale.ROOT, "%04d", rows.size());
        ImageIO.write(
                AreaAverage.reduce(a, ORIGINAL_SIDE),
                "png",
                dir.resolve("hardneg/" + id + "-a.png").toFile());
        ImageIO.write(
                AreaAverage.reduce(b, ORIGINAL_SIDE),
                "png",
                dir.resolve("hardneg/" + id + "-b.png").toFile());
        rows.add(id + "\t" + kind + "\t" + source);
    }

    private static boolean inSequence(String rel) {
        for (String[] dirs : new String[][] {SEQUENCES, WARPED_COPIES}) {
            for (String s : dirs) {
                if (rel.contains(s + "/")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether {@code b} is {@code a} mirrored left to right, up to resampling noise: two crops of a
     * symmetric picture are then a mirror copy (an edit the matcher must catch), not two framings
     * of a scene. Compared as 64×64 area averages, mean absolute luma difference.
     */
    static boolean mirrorImages(BufferedImage a, BufferedImage b) {
        float[] x = luma64(a);
        float[] y = luma64(b);
        double diff = 0;
        for (int row = 0; row < 64; row++) {
            for (int col = 0; col < 64; col++) {
                diff += Math.abs(x[row * 64 + col] - y[row * 64 + 63 - col]);
            }
        }
        return diff / (64 * 64) < MIRROR_MEAN_DIFF;
    }

    /**
     * Mean luma difference (0–255) under which two 64×64 reductions count as one picture: the one
     * symmetric wallpaper's crops differ by 2.2 from each other's mirror image, every other
     * reframed pair by 15 or more.
     */
    private static final double MIRROR_MEAN_DIFF = 3;

    private static float[] luma64(BufferedImage img) {
        BufferedImage small = io.imageguard.ingest.decode.AreaAverage.resize(img, 64, 64);
        float[] out = new float[64 * 64];
        for (int i = 0; i < out.length; i++) {
            int c = small.getRGB(i % 64, i / 64);
            out[i] = 0.299f * ((c >> 16) & 0xff) + 0.587f * ((c >> 8) & 0xff) + 0.114f * (c & 0xff);
        }
        return out;
    }

    /** Manuals' pictures of application windows: screenshots, not photographs. */
    private static boolean isScreenshotDir(String rel) {
        return rel.contains("/doc/HTML/")
                || rel.contains("/help/en/images/")
                        && !rel.contains("/examples/")
                        && !rel.contains("/tutorials/");
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg")
                || n.endsWith(".jpeg")
                || n.endsWith(".png")
                || n.endsWith(".pgm")
                || n.endsWith(".ppm");
    }

    static BufferedImage read(Path f) {
        try {
            String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".pgm") || n.endsWith(".ppm")) {
                return readPnm(f);
            }
            BufferedImage img = ImageIO.read(f.toFile());
            if (img == null || img.getType() == BufferedImage.TYPE_INT_RGB) {
                return img;
            }
            BufferedImage rgb =
                    new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            // Transparent pixels over white, as a page would show them.
            var g = rgb.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.drawImage(img, 0, 0, null);
            g.dispose();
            return rgb;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Binary PGM (P5) and PPM (P6) with 8-bit samples, which ImageIO does not read. */
    private static BufferedImage readPnm(Path f) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(f))) {
            DataInputStream d = new DataInputStream(in);
            String magic = token(d);
            int w = Integer.parseInt(token(d));
            int h = Integer.parseInt(token(d));
            int max = Integer.parseInt(token(d));
            if (max != 255 || !(magic.equals("P5") || magic.equals("P6"))) {
                return null;
            }
            int ch = magic.equals("P5") ? 1 : 3;
            byte[] data = d.readNBytes(w * h * ch);
            if (data.length < w * h * ch) {
                return null;
            }
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            int[] px = new int[w * h];
            for (int i = 0; i < px.length; i++) {
                int r = data[i * ch] & 0xff;
                int g = data[i * ch + ch / 2] & 0xff;
                int b = data[i * ch + ch - 1] & 0xff;
                px[i] = (r << 16) | (g << 8) | b;
            }
            img.setRGB(0, 0, w, h, px, 0, w);
            return img;
        }
    }

    private static String token(DataInputStream d) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = d.read()) != -1) {
            if (c == '#') {
                while ((c = d.read()) != -1 && c != '\n') {}
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (sb.length() > 0) {
                    break;
                }
                continue;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    /**
     * A photograph rather than an icon, drawing, diagram or star chart: large enough, with varied
     * tones, many distinct colours, and no single colour covering much of it.
     */
    static boolean isPhotograph(BufferedImage img) {
        if (img.getWidth() < 400 || img.getHeight() < 400) {
            return false;
        }
        BufferedImage t = AreaAverage.reduce(img, 96);
        int[] px = t.getRGB(0, 0, t.getWidth(), t.getHeight(), null, 0, t.getWidth());
        Map<Integer, Integer> counts = new HashMap<>();
        double sum = 0;
        double sq = 0;
        boolean gray = true;
        for (int c : px) {
            int r = (c >> 16) & 0xff;
            int g = (c >> 8) & 0xff;
            int b = c & 0xff;
            gray &= Math.abs(r - g) < 4 && Math.abs(g - b) < 4;
            double y = 0.299 * r + 0.587 * g + 0.114 * b;
            sum += y;
            sq += y * y;
            counts.merge(c & 0xf8f8f8, 1, Integer::sum);
        }
        double mean = sum / px.length;
        double std = Math.sqrt(sq / px.length - mean * mean);
        int mode = counts.values().stream().max(Integer::compare).orElse(0);
        int distinct = counts.size();
        return std >= 25 && mode < 0.3 * px.length && distinct >= (gray ? 24 : 400);
    }

    /** Within a small distance of an image already kept (either image mirrored too). */
    private static boolean isNearDuplicate(ViewProbe p, List<ViewProbe> kept) {
        for (ViewProbe k : kept) {
            for (boolean mirror : new boolean[] {false, true}) {
                if (ViewProbe.d64(p.h64.get("W"), k.h64.get("W"), mirror) <= 6
                        || ViewProbe.d256(p.h256.get("W"), k.h256.get("W"), mirror) <= 48) {
                    return true;
                }
            }
        }
        return false;
    }
}
