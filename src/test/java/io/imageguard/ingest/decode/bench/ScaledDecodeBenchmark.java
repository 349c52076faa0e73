package io.imageguard.ingest.decode.bench;

import io.imageguard.ingest.PhotoHasher;
import io.imageguard.ingest.decode.ImageDecodeException;
import io.imageguard.ingest.decode.JpegDcDecoder;
import io.imageguard.ingest.decode.ReducedImageDecoder;
import io.imageguard.synth.ImageOps;
import io.imageguard.synth.ProductPhotoPainter;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Decode speed at 1/8, 1/4 and 1/2 scale against ImageIO, single thread, CPU ms per photo: the full
 * ImageIO decode; {@link JpegDcDecoder#decode(byte[], long, int)} at each scale ("-" when refused:
 * progressive beyond 1/8); {@link ReducedImageDecoder#decode} to a 512 px shorter side (the decode
 * step of the production route) and the whole route {@code new PhotoHasher(100_000_000L, 4.0,
 * 512).hash(bytes)}. One row per file argument, plus one row for {@code -Dbench.synth=N} (default
 * 20) 800 px product photos ({@link ProductPhotoPainter#paint(long)}, seeds 1..N, encoded by {@link
 * ImageOps#jpeg} at 0.9), which are also written to {@code -Dbench.synthDir} when set. Each cell
 * runs a warm-up and at least {@code -Dbench.seconds} (default 2) of calls.
 */
public final class ScaledDecodeBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long MAX_PIXELS = 100_000_000L;
    private static final double SECONDS =
            Double.parseDouble(System.getProperty("bench.seconds", "2"));

    /** Keeps results alive so the JIT cannot drop the work. */
    static volatile long sink;

    interface Work {
        long run(byte[] jpeg) throws Exception;
    }

    private ScaledDecodeBenchmark() {}

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        List<String> names = new ArrayList<>();
        List<List<byte[]>> groups = new ArrayList<>();
        for (String arg : args) {
            names.add(Path.of(arg).getFileName().toString());
            groups.add(List.of(Files.readAllBytes(Path.of(arg))));
        }
        int synth = Integer.getInteger("bench.synth", 20);
        if (synth > 0) {
            List<byte[]> photos = new ArrayList<>();
            String dir = System.getProperty("bench.synthDir");
            for (int seed = 1; seed <= synth; seed++) {
                byte[] jpeg = ImageOps.jpeg(ProductPhotoPainter.paint(seed), 0.9f);
                photos.add(jpeg);
                if (dir != null) {
                    Files.createDirectories(Path.of(dir));
                    Files.write(Path.of(dir, "product-" + seed + ".jpg"), jpeg);
                }
            }
            names.add("synthetic 800 px x" + synth);
            groups.add(photos);
        }
        ReducedImageDecoder reduced = new ReducedImageDecoder(MAX_PIXELS);
        PhotoHasher hasher = new PhotoHasher(MAX_PIXELS, 4.0, 512);
        System.out.printf(
                "%-26s %-11s %-5s %9s %8s %8s %8s %11s %11s%n",
                "photo",
                "size",
                "SOF",
                "ImageIO",
                "1/8",
                "1/4",
                "1/2",
                "decode 512",
                "PhotoHasher");
        for (int g = 0; g < groups.size(); g++) {
            List<byte[]> photos = groups.get(g);
            JpegDcDecoder.Header h = JpegDcDecoder.readHeader(photos.get(0));
            System.out.printf(
                    "%-26s %-11s %-5s %9s %8s %8s %8s %11s %11s%n",
                    names.get(g),
                    h.width() + "x" + h.height(),
                    h.progressive() ? "prog" : "base",
                    ms(photos, p -> pixels(ImageIO.read(new ByteArrayInputStream(p)))),
                    ms(photos, p -> pixels(JpegDcDecoder.decode(p, MAX_PIXELS, 8))),
                    ms(photos, p -> pixels(JpegDcDecoder.decode(p, MAX_PIXELS, 4))),
                    ms(photos, p -> pixels(JpegDcDecoder.decode(p, MAX_PIXELS, 2))),
                    ms(photos, p -> pixels(reduced.decode(p, 512))),
                    ms(photos, p -> hasher.hash(p).hash().length()));
        }
    }

    private static long pixels(java.awt.image.BufferedImage img) {
        return img.getRGB(img.getWidth() / 2, img.getHeight() / 2) + img.getWidth();
    }

    /** CPU ms per photo, or "-" when the work refuses these photos. */
    private static String ms(List<byte[]> photos, Work work) throws Exception {
        try {
            work.run(photos.get(0));
        } catch (ImageDecodeException refused) {
            return "-";
        }
        long warmEnd = THREADS.getCurrentThreadCpuTime() + (long) (SECONDS * 0.25e9);
        int i = 0;
        long s = 0;
        while (THREADS.getCurrentThreadCpuTime() < warmEnd) {
            s += work.run(photos.get(i++ % photos.size()));
        }
        long start = THREADS.getCurrentThreadCpuTime();
        long end = start + (long) (SECONDS * 1e9);
        int n = 0;
        while (THREADS.getCurrentThreadCpuTime() < end || n < photos.size()) {
            s += work.run(photos.get(n++ % photos.size()));
        }
        sink = s;
        return String.format("%.2f", (THREADS.getCurrentThreadCpuTime() - start) / 1e6 / n);
    }
}
