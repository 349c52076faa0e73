package io.imageguard.ingest.decode.bench;

import dev.brachtendorf.graphics.FastPixel;
import dev.brachtendorf.jimagehash.hashAlgorithms.PerceptiveHash;
import io.imageguard.ingest.decode.AreaAverage;
import io.imageguard.ingest.decode.JpegDcDecoder;
import io.imageguard.ingest.decode.ReducedImageDecoder;
import io.imageguard.ingest.decode.TestJpegs;
import io.imageguard.ingest.decode.TestJpegs.Encoding;
import java.awt.Graphics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;

/**
 * Ingest decode speed, single thread: photos per second for JPEGs of 1000x1000 and 3000x3000,
 *
 * <ul>
 *   <li>(a) baseline: full ImageIO decode + JImageHash pHash-64;
 *   <li>(b) DC decode (1/8 scale) + area-average to 32x32 + the same pHash-64;
 *   <li>(b') the production route: ReducedImageDecoder to a 128 px shorter side, area-average to
 *       32x32, pHash-64;
 *   <li>(c) DC decode alone; (d) parsing + entropy decoding alone, the floor of (c).
 * </ul>
 *
 * Arguments: photo files (any size; each is centre-cropped square, area-averaged to 1000x1000, and
 * cropped to 3000x3000 when large enough), re-encoded by the JDK writer at quality 0.90, 4:2:0,
 * baseline and progressive. Without arguments, or in addition, a synthetic photo-like image. Each
 * cell is the mean over the photos of that size; each measurement runs a warm-up and then at least
 * {@code -Dbench.seconds} (default 2) of calls.
 */
public final class IngestDecodeBenchmark {

    private static final PerceptiveHash PHASH = new JImageHashPHash64();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ReducedImageDecoder REDUCED = new ReducedImageDecoder(50_000_000L);
    private static final String DUMP = System.getProperty("bench.dump");
    private static final double SECONDS =
            Double.parseDouble(System.getProperty("bench.seconds", "2"));

    /**
     * JImageHash's pHash-64 with its own reduction step reproduced (ImageUtil.getScaledInstance: a
     * Graphics drawImage, nearest-neighbour): calling ImageUtil itself fails without JavaFX, which
     * this project keeps off the classpath, because that class links against it.
     */
    public static final class JImageHashPHash64 extends PerceptiveHash {
        private static final long serialVersionUID = 1L;

        public JImageHashPHash64() {
            super(64);
        }

        @Override
        protected FastPixel createPixelAccessor(BufferedImage image, int width, int height) {
            BufferedImage scaled =
                    ImageTypeSpecifier.createFromRenderedImage(image)
                            .createBufferedImage(width, height);
            Graphics g = scaled.getGraphics();
            g.drawImage(image, 0, 0, width, height, null);
            g.dispose();
            return FastPixel.create(scaled);
        }
    }

    /** Keeps results alive so the JIT cannot drop the work. */
    static volatile long sink;

    interface Work {
        long run(byte[] jpeg) throws Exception;
    }

    record Case(String name, Work work) {}

    private static final List<Case> CASES =
            List.of(
                    new Case(
                            "(a) ImageIO full + pHash64",
                            b ->
                                    PHASH.hash(ImageIO.read(new ByteArrayInputStream(b)))
                                            .getHashValue()
                                            .longValue()),
                    new Case(
                            "(b) DC + area 32x32 + pHash64",
                            b ->
                                    PHASH.hash(
                                                    AreaAverage.resize(
                                                            JpegDcDecoder.decode(b, Long.MAX_VALUE),
                                                            32,
                                                            32))
                                            .getHashValue()
                                            .longValue()),
                    new Case(
                            "(b') Reduced(64) + 32x32 + pHash64",
                            b ->
                                    PHASH.hash(AreaAverage.resize(REDUCED.decode(b, 64), 32, 32))
                                            .getHashValue()
                                            .longValue()),
                    new Case(
                            "(c) DC decode",
                            b -> JpegDcDecoder.decode(b, Long.MAX_VALUE).getRGB(0, 0)),
                    new Case(
                            "(d) entropy decode only",
                            b -> JpegDcDecoder.decodeEntropyOnly(b, Long.MAX_VALUE)));

    public static void main(String[] args) throws Exception {
        List<BufferedImage> sources = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String a : args) {
            BufferedImage img = ImageIO.read(Path.of(a).toFile());
            if (img == null) {
                System.err.println("skipped (ImageIO cannot read): " + a);
                continue;
            }
            sources.add(img);
            names.add(Path.of(a).getFileName().toString());
        }
        sources.add(TestJpegs.photoLike(3000, 3000, 7));
        names.add("synthetic");

        for (int side : new int[] {1000, 3000}) {
            for (boolean progressive : new boolean[] {false, true}) {
                Encoding enc = Encoding.baseline420();
                enc = progressive ? enc.asProgressive() : enc;
                List<byte[]> photos = new ArrayList<>();
                List<byte[]> synthetic = new ArrayList<>();
                for (int i = 0; i < sources.size(); i++) {
                    BufferedImage square = square(sources.get(i), side);
                    if (square == null) {
                        continue;
                    }
                    byte[] jpeg = TestJpegs.jpeg(square, enc);
                    if (DUMP != null) {
                        Files.createDirectories(Path.of(DUMP));
                        Files.write(
                                Path.of(
                                        DUMP,
                                        names.get(i)
                                                + "-"
                                                + side
                                                + (progressive ? "-prog" : "")
                                                + ".jpg"),
                                jpeg);
                    }
                    (names.get(i).equals("synthetic") ? synthetic : photos).add(jpeg);
                }
                String label = side + "x" + side + (progressive ? " progressive" : " baseline");
                report(label + ", " + photos.size() + " photo(s)", photos);
                report(label + ", synthetic", synthetic);
            }
        }
        for (String a : args) {
            byte[] original = Files.readAllBytes(Path.of(a));
            JpegDcDecoder.Header h;
            try {
                h = JpegDcDecoder.readHeader(original);
            } catch (Exception e) {
                continue;
            }
            report(
                    Path.of(a).getFileName()
                            + " as shipped, "
                            + h.width()
                            + "x"
                            + h.height()
                            + (h.progressive() ? " progressive" : " baseline"),
                    List.of(original));
        }
    }

    private static void report(String label, List<byte[]> jpegs) throws Exception {
        if (jpegs.isEmpty()) {
            return;
        }
        long size = 0;
        for (byte[] j : jpegs) {
            size += j.length;
        }
        System.out.printf(Locale.ROOT, "%n%s (mean %d KB)%n", label, size / jpegs.size() / 1024);
        System.out.printf(
                Locale.ROOT,
                "| %-36s | %10s | %10s | %8s |%n",
                "case",
                "ms/photo",
                "photos/s",
                "vs (a)");
        double baseline = 0;
        for (Case c : CASES) {
            double ms = 0;
            for (byte[] j : jpegs) {
                ms += millisPerCall(c.work(), j);
            }
            ms /= jpegs.size();
            if (baseline == 0) {
                baseline = ms;
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %-36s | %10.3f | %10.1f | %7.1fx |%n",
                    c.name(),
                    ms,
                    1000 / ms,
                    baseline / ms);
        }
    }

    /** CPU milliseconds of this thread per call: per-core cost, whatever else the machine runs. */
    private static double millisPerCall(Work w, byte[] jpeg) throws Exception {
        long acc = 0;
        long warmEnd = cpuNanos() + (long) (SECONDS * 0.25e9);
        while (cpuNanos() < warmEnd) {
            acc += w.run(jpeg);
        }
        long start = cpuNanos();
        long end = start + (long) (SECONDS * 1e9);
        int calls = 0;
        long now;
        do {
            acc += w.run(jpeg);
            calls++;
            now = cpuNanos();
        } while (now < end);
        sink += acc;
        return (now - start) / 1e6 / calls;
    }

    private static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Centre square, area-averaged to side; null when the source is smaller than side. */
    public static BufferedImage square(BufferedImage src, int side) throws IOException {
        int s = Math.min(src.getWidth(), src.getHeight());
        if (s < side) {
            return null;
        }
        BufferedImage crop =
                src.getSubimage((src.getWidth() - s) / 2, (src.getHeight() - s) / 2, s, s);
        BufferedImage copy = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
        copy.getGraphics().drawImage(crop, 0, 0, null);
        return AreaAverage.resize(copy, side, side);
    }
}
