package io.imageguard.devset;

import io.imageguard.match.AreaAverage;
import io.imageguard.match.PhotoHash;
import io.imageguard.match.PhotoMatcher;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Prints the cost of the matcher's stages on dev-set photos: hashing an image reduced to the input
 * side (default 512; all views), and {@link PhotoMatcher#compare} per registered candidate (all
 * view pairs' 64-bit distances plus the 256-bit verification of those within the radius). A
 * program, not a test: figures are printed, never asserted. Single thread.
 *
 * <p>Usage: {@code VerifyBenchmark DEVSET_DIR [--input-side N]}.
 */
public final class VerifyBenchmark {
    private VerifyBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int side =
                args.length > 2 && args[1].equals("--input-side") ? Integer.parseInt(args[2]) : 512;
        List<BufferedImage> images = new ArrayList<>();
        try (var s = Files.list(dir.resolve("originals"))) {
            for (Path p : s.sorted().limit(60).toList()) {
                images.add(AreaAverage.reduce(ImageIO.read(p.toFile()), side));
            }
        }
        PhotoMatcher matcher = new PhotoMatcher();
        // Hashing: warm up, then time.
        PhotoHash[] hashes = new PhotoHash[images.size()];
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < images.size(); i++) {
                hashes[i] = matcher.hash(images.get(i));
            }
            double ms = (System.nanoTime() - t0) / 1e6 / images.size();
            System.out.printf(
                    Locale.ROOT,
                    "round %d: hash (all views) %.2f ms per %d-px image%n",
                    round,
                    ms,
                    side);
        }
        // Verification per candidate: every pair, the comparison a candidate costs. The radius
        // is 64 so that every view pair within it is verified: the worst case per candidate.
        // Three rounds each: the first ones warm the JIT up.
        PhotoMatcher all =
                new PhotoMatcher(64, matcher.verifyThreshold(), matcher.regionVerifyThreshold());
        for (PhotoMatcher m : new PhotoMatcher[] {matcher, all, matcher, all, matcher, all}) {
            long sink = 0;
            long pairs = 0;
            long t0 = System.nanoTime();
            for (int rep = 0; rep < 40; rep++) {
                for (PhotoHash a : hashes) {
                    for (PhotoHash b : hashes) {
                        sink += m.compare(a, b).indexDistance();
                        pairs++;
                    }
                }
            }
            double ns = (double) (System.nanoTime() - t0) / pairs;
            System.out.printf(
                    Locale.ROOT,
                    "compare, radius %d: %.0f ns per candidate (%d pairs, checksum %d)%n",
                    m.candidateRadius(),
                    ns,
                    pairs,
                    sink);
        }
    }
}
