package io.imageguard.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Writes a replay file for the end-to-end throughput benchmark (jobs/bench-replay): {@code N}
 * LISTING_PUBLISHED events of 3 photos each with precomputed {@code hash} fields, one listing a
 * minute, 5% of the photos copies of an earlier photo by another seller. Seeded.
 *
 * <p>Usage: {@code ReplayWorkload FILE N}
 */
public final class ReplayWorkload {
    private ReplayWorkload() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int listings = Integer.parseInt(args[1]);
        SplittableRandom rnd = new SplittableRandom(42);
        long[] hashes = new long[listings * 3];
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < listings; i++) {
                StringBuilder images = new StringBuilder();
                for (int j = 0; j < 3; j++) {
                    int n = i * 3 + j;
                    hashes[n] =
                            n > 0 && rnd.nextInt(20) == 0 ? hashes[rnd.nextInt(n)] : rnd.nextLong();
                    if (j > 0) {
                        images.append(',');
                    }
                    images.append(
                            String.format(
                                    "{\"imageId\":\"L-%d/%d\",\"role\":\"MAIN\",\"hash\":\"phash64:%016x\"}",
                                    i, j, hashes[n]));
                }
                out.write(
                        String.format(
                                "{\"type\":\"LISTING_PUBLISHED\",\"eventId\":\"ev-%d\",\"eventTime\":\"%s\","
                                        + "\"listingId\":\"L-%d\",\"sellerId\":\"S-%d\",\"images\":[%s]}",
                                i,
                                start.plusSeconds(60L * i),
                                i,
                                rnd.nextInt(listings / 10 + 1),
                                images));
                out.newLine();
            }
        }
    }
}
