package io.imageguard.ingest.bench;

import io.imageguard.ingest.PhotoHasher;
import io.imageguard.ingest.decode.JpegDcDecoder;
import io.imageguard.ingest.decode.TestJpegs;
import io.imageguard.ingest.decode.bench.IngestDecodeBenchmark;
import io.imageguard.ingest.decode.bench.IngestDecodeBenchmark.JImageHashPHash64;
import io.imageguard.match.PhotoInput;
import io.imageguard.match.PhotoMatcher;
import java.awt.image.BufferedImage;
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
 * The production hashing route against the simple baseline, one thread, thread CPU time per photo:
 *
 * <ul>
 *   <li>(a) full ImageIO decode + JImageHash pHash-64 (its nearest-neighbour reduction reproduced,
 *       as in {@link IngestDecodeBenchmark});
 *   <li>(b) {@link PhotoHasher#hash} as the job runs it ({@code matching.hash-input-side} 512):
 *       reduced decode, area average, every view's hashes and colour signatures, the
 *       low-information check;
 *   <li>(b1) the decode step of (b) alone, {@link PhotoHasher#input}: reduced decode and area
 *       average to the 512 px luminance and the colour planes the matcher hashes; (b2) {@code
 *       PhotoMatcher.hash} of that input alone;
 *   <li>(d) {@code JpegDcDecoder.decodeEntropyOnly}: parsing and Huffman decoding, no pixels, the
 *       floor of any route that must read every coefficient of a baseline JPEG.
 * </ul>
 *
 * Arguments: photo files. Each is centre-cropped square, area-averaged to 1000×1000 and (when large
 * enough) to 3000×3000, re-encoded by the JDK writer at quality 0.90, 4:2:0 baseline, as in the
 * "Ingest decode" workload; then the files as shipped. Each cell is the mean over that row's photos
 * of the CPU time per call after a warm-up, at least {@code -Dbench.seconds} (default 2) per photo
 * and case.
 */
public final class PhotoHasherBenchmark {
    private PhotoHasherBenchmark() {}

    private static final JImageHashPHash64 PHASH = new JImageHashPHash64();
    private static final PhotoHasher HASHER = new PhotoHasher(100_000_000L, 4.0, 512);
    private static final PhotoMatcher MATCHER = new PhotoMatcher();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final double SECONDS =
            Double.parseDouble(System.getProperty("bench.seconds", "2"));

    /** Keeps results alive so the JIT cannot drop the work. */
    static volatile long sink;

    interface Work {
        long run(byte[] photo) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        List<BufferedImage> sources = new ArrayList<>();
        List<byte[]> shipped = new ArrayList<>();
        for (String a : args) {
            BufferedImage img = ImageIO.read(Path.of(a).toFile());
            if (img == null) {
                System.err.println("skipped (ImageIO cannot read): " + a);
                continue;
            }
            sources.add(img);
            shipped.add(Files.readAllBytes(Path.of(a)));
        }
        System.out.println(
                "| JPEG | (a) ImageIO + pHash-64 | (b) PhotoHasher | (b) vs (a) | (b1) decode to"
                        + " 512 | (b2) hash | (d) entropy only | (b) / (d) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (int side : new int[] {1000, 3000}) {
            List<byte[]> jpegs = new ArrayList<>();
            for (BufferedImage src : sources) {
                BufferedImage square = IngestDecodeBenchmark.square(src, side);
                if (square != null) {
                    jpegs.add(TestJpegs.jpeg(square, TestJpegs.Encoding.baseline420()));
                }
            }
            row(side + "² baseline, " + jpegs.size() + " photo(s)", jpegs);
        }
        row("as shipped, " + shipped.size() + " photo(s)", shipped);
    }

    private static void row(String label, List<byte[]> jpegs) throws Exception {
        if (jpegs.isEmpty()) {
            return;
        }
        double a = mean(jpegs, p -> PHASH.hash(decode(p)).getHashValue().longValue());
        double b = mean(jpegs, p -> HASHER.hash(p).hash().length());
        double b1 = mean(jpegs, p -> HASHER.input(p).width());
        List<PhotoInput> inputs = new ArrayList<>();
        for (byte[] p : jpegs) {
            inputs.add(HASHER.input(p));
        }
        double b2 = 0;
        for (PhotoInput in : inputs) {
            b2 += millisPerCall(x -> MATCHER.hash(in).indexHash("w"), null);
        }
        b2 /= inputs.size();
        double d = mean(jpegs, p -> JpegDcDecoder.decodeEntropyOnly(p, Long.MAX_VALUE));
        System.out.printf(
                Locale.ROOT,
                "| %s | %.2f ms (%.0f/s) | %.2f ms (%.0f/s) | **%.2f×** | %.2f | %.2f | %.2f ms"
                        + " (%.0f/s) | %.1f× |%n",
                label,
                a,
                1000 / a,
                b,
                1000 / b,
                a / b,
                b1,
                b2,
                d,
                1000 / d,
                b / d);
    }

    private static BufferedImage decode(byte[] p) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(p));
    }

    private static double mean(List<byte[]> photos, Work work) throws Exception {
        double sum = 0;
        for (byte[] p : photos) {
            sum += millisPerCall(work, p);
        }
        return sum / photos.size();
    }

    /** CPU milliseconds of this thread per call: per-core cost, whatever else the machine runs. */
    private static double millisPerCall(Work w, byte[] photo) throws Exception {
        long acc = 0;
        long warmEnd = THREADS.getCurrentThreadCpuTime() + (long) (SECONDS * 0.25e9);
        while (THREADS.getCurrentThreadCpuTime() < warmEnd) {
            acc += w.run(photo);
        }
        long start = THREADS.getCurrentThreadCpuTime();
        long end = start + (long) (SECONDS * 1e9);
        int calls = 0;
        long now;
        do {
            acc += w.run(photo);
            calls++;
            now = THREADS.getCurrentThreadCpuTime();
        } while (now < end);
        sink += acc;
        return (now - start) / 1e6 / calls;
    }
}
