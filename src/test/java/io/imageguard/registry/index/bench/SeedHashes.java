package io.imageguard.registry.index.bench;

import io.imageguard.ingest.PhotoHasher;
import io.imageguard.synth.ImageOps;
import io.imageguard.synth.ProductPhotoPainter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Real pHash-64 values, computed by the production {@link PhotoHasher} on JPEG bytes: painted
 * product photos ({@link ProductPhotoPainter}, several shots per product) and photos from Debian
 * packages (each whole and as a few random crops, re-encoded). Cached in a text file, one {@code
 * <source> <16 hex>} per line, since painting and hashing thousands of photos takes a minute.
 */
final class SeedHashes {
    /** A hash, where it came from, and its group: photos of one product, or one photo's crops. */
    record Seed(String source, int group, long hash) {}

    private SeedHashes() {}

    static List<Seed> load(Path cache, Path photoDir, int products, int cropsPerPhoto)
            throws IOException {
        if (Files.exists(cache)) {
            List<Seed> seeds = new ArrayList<>();
            for (String line : Files.readAllLines(cache)) {
                String[] f = line.split(" ");
                seeds.add(new Seed(f[0], Integer.parseInt(f[1]), Long.parseUnsignedLong(f[2], 16)));
            }
            return seeds;
        }
        PhotoHasher hasher = new PhotoHasher(100_000_000L, 0, 512);
        List<Seed> seeds = new ArrayList<>();
        for (int p = 0; p < products; p++) {
            // Two shots per product: different photos of one product are the closest honest
            // neighbours a marketplace has.
            for (int shot = 0; shot < 2; shot++) {
                BufferedImage img = ProductPhotoPainter.paint(p, 1000L * p + shot, 640, p % 5 == 0);
                seeds.add(new Seed("painted", p, hash(hasher, ImageOps.jpeg(img, 0.85f))));
            }
        }
        if (photoDir != null && Files.isDirectory(photoDir)) {
            List<Path> photos;
            try (Stream<Path> files = Files.walk(photoDir)) {
                photos =
                        files.filter(f -> f.toString().toLowerCase().matches(".*\\.jpe?g"))
                                .filter(f -> f.toFile().length() > 20_000)
                                .sorted()
                                .toList();
            }
            SplittableRandom random = new SplittableRandom(7);
            int group = products;
            for (Path photo : photos) {
                BufferedImage img;
                try {
                    img = ImageOps.decode(Files.readAllBytes(photo));
                } catch (UncheckedIOException e) {
                    continue;
                }
                if (img.getWidth() < 200 || img.getHeight() < 200) {
                    continue;
                }
                group++;
                seeds.add(new Seed("photo", group, hash(hasher, ImageOps.jpeg(img, 0.85f))));
                for (int c = 0; c < cropsPerPhoto; c++) {
                    double f = 0.4 + 0.4 * random.nextDouble();
                    int w = (int) (img.getWidth() * f);
                    int h = (int) (img.getHeight() * f);
                    int x = random.nextInt(img.getWidth() - w + 1);
                    int y = random.nextInt(img.getHeight() - h + 1);
                    // ImageOps.jpeg redraws the view into its own raster before encoding.
                    BufferedImage crop = img.getSubimage(x, y, w, h);
                    seeds.add(new Seed("crop", group, hash(hasher, ImageOps.jpeg(crop, 0.85f))));
                }
            }
        }
        Files.createDirectories(cache.getParent());
        Files.write(
                cache,
                seeds.stream()
                        .map(
                                s ->
                                        s.source()
                                                + " "
                                                + s.group()
                                                + " "
                                                + String.format("%016x", s.hash()))
                        .toList());
        return seeds;
    }

    private static long hash(PhotoHasher hasher, byte[] jpeg) {
        try {
            return io.imageguard.match.PhotoHash.fromText(
                            io.imageguard.match.HashText.parse(hasher.hash(jpeg).hash()))
                    .indexHash("w");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
