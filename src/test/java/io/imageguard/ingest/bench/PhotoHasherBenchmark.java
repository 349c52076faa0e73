package io.imageguard.ingest.bench;

import dev.brachtendorf.graphics.FastPixel;
import dev.brachtendorf.jimagehash.hashAlgorithms.PerceptiveHash;
import io.imageguard.ingest.PhotoHasher;
import io.imageguard.ingest.decode.AreaAverage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The production hashing route against the simple baseline, per photo, one thread, thread CPU time:
 * (a) full ImageIO decode + JImageHash pHash-64; (b) {@link PhotoHasher} as the job runs it
 * (reduced decode to the matcher's input side, area average, every view's 64- and 256-bit hash, the
 * low-information check). Usage: {@code PhotoHasherBenchmark SECONDS FILE...}
 */
public final class PhotoHasherBenchmark {
    private PhotoHasherBenchmark() {}

    private static final PerceptiveHash PHASH =
            new PerceptiveHash(64) {
                @Override
                protected FastPixel createPixelAccessor(BufferedImage image, int w, int h) {
                    // JImageHash's own reduction needs JavaFX; nearest-neighbour like it
                    BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                    small.getGraphics().drawImage(image, 0, 0, w, h, null);
                    return FastPixel.create(small);
                }
            };

    interface Work {
        void run(byte[] photo) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(args[0]);
        List<byte[]> photos = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            photos.add(Files.readAllBytes(Path.of(args[i])));
        }
        PhotoHasher hasher = new PhotoHasher(100_000_000L, 4.0, 512);
        double baseline =
                measure(
                        photos,
                        seconds,
                        p -> PHASH.hash(ImageIO.read(new ByteArrayInputStream(p))));
        double production = measure(photos, seconds, hasher::hash);
        double decodeOnly =
                measure(
                        photos,
                        seconds,
                        p -> AreaAverage.resize(ImageIO.read(new ByteArrayInputStream(p)), 32, 32));
        System.out.printf("photos: %d files%n", photos.size());
        System.out.printf(
                "(a) ImageIO + pHash-64:            %8.2f ms/photo  %7.0f photos/s/core%n",
                baseline, 1000 / baseline);
        System.out.printf(
                "(b) PhotoHasher (multi-view, 512): %8.2f ms/photo  %7.0f photos/s/core%n",
                production, 1000 / production);
        System.out.printf("    ImageIO full decode alone:     %8.2f ms/photo%n", decodeOnly);
        System.out.printf("(b) vs (a): %.2fx%n", baseline / production);
    }

    private static double measure(List<byte[]> photos, double seconds, Work work) throws Exception {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long warmEnd = cpu.getCurrentThreadCpuTime() + (long) (seconds * 0.25e9);
        int i = 0;
        while (cpu.getCurrentThreadCpuTime() < warmEnd) {
            work.run(photos.get(i++ % photos.size()));
        }
        long start = cpu.getCurrentThreadCpuTime();
        long end = start + (long) (seconds * 1e9);
        int n = 0;
        while (cpu.getCurrentThreadCpuTime() < end || n < photos.size()) {
            work.run(photos.get(n++ % photos.size()));
        }
        return (cpu.getCurrentThreadCpuTime() - start) / 1e6 / n;
    }
}
