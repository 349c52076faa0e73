package io.imageguard.registry.bench;

import io.imageguard.ingest.PhotoHasher;
import io.imageguard.match.HashText;
import io.imageguard.match.PhotoHash;
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
 * Real multi-view hashes ({@link PhotoHash}, what ingest registers), computed by the production
 * {@link PhotoHasher} on JPEG bytes: painted product photos ({@link ProductPhotoPainter}, two shots
 * per product, a fifth on white) and the dev set's photos from Debian packages (each whole and as
 * one crop of 75–95%, its sibling). Photos the hasher calls low-information are left out (the
 * registry never stores them). Cached as {@code <source> <group> <hash text>} lines.
 */
final class MultiViewSeeds {
    /**
     * A photo's hash, its source, and its group: two shots of one product, or a photo and its crop.
     */
    record Seed(String source, int group, PhotoHash hash) {}

    private MultiViewSeeds() {}

    static List<Seed> load(Path cache, Path photoDir, int products) throws IOException {
        // a cache hashed by an older matcher (fewer query views) is hashed again
        if (Files.exists(cache) && Files.readString(cache).contains("dct64-wp3:")) {
            List<Seed> seeds = new ArrayList<>();
            for (String line : Files.readAllLines(cache)) {
                String[] f = line.split(" ");
                seeds.add(
                        new Seed(
                                f[0],
                                Integer.parseInt(f[1]),
                                PhotoHash.fromText(HashText.parse(f[2]))));
            }
            return seeds;
        }
        PhotoHasher hasher = new PhotoHasher(100_000_000L, 4.0, 512);
        List<Seed> seeds = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int p = 0; p < products; p++) {
            for (int shot = 0; shot < 2; shot++) {
                BufferedImage img = ProductPhotoPainter.paint(p, 1000L * p + shot, 640, p % 5 == 0);
                add(seeds, lines, hasher, "painted", p, img);
            }
        }
        if (photoDir != null && Files.isDirectory(photoDir)) {
            List<Path> photos;
            try (Stream<Path> files = Files.walk(photoDir)) {
                photos =
                        files.filter(f -> f.toString().toLowerCase().matches(".*\\.(jpe?g|png)"))
                                .sorted()
                                .toList();
            }
            SplittableRandom random = new SplittableRandom(11);
            int group = products;
            for (Path photo : photos) {
                BufferedImage img;
                try {
                    img = ImageOps.decode(Files.readAllBytes(photo));
                } catch (UncheckedIOException | IllegalArgumentException e) {
                    continue;
                }
                if (img == null || img.getWidth() < 200 || img.getHeight() < 200) {
                    continue;
                }
                group++;
                add(seeds, lines, hasher, "photo", group, img);
                double f = 0.75 + 0.2 * random.nextDouble();
                int w = (int) (img.getWidth() * f);
                int h = (int) (img.getHeight() * f);
                BufferedImage crop =
                        img.getSubimage(
                                random.nextInt(img.getWidth() - w + 1),
                                random.nextInt(img.getHeight() - h + 1),
                                w,
                                h);
                add(seeds, lines, hasher, "crop", group, crop);
            }
        }
        Files.createDirectories(cache.getParent());
        Files.write(cache, lines);
        return seeds;
    }

    private static void add(
            List<Seed> seeds,
            List<String> lines,
            PhotoHasher hasher,
            String source,
            int group,
            BufferedImage img) {
        try {
            PhotoHasher.Result r = hasher.hash(ImageOps.jpeg(img, 0.85f));
            if (r.lowInformation()) {
                return;
            }
            seeds.add(new Seed(source, group, PhotoHash.fromText(HashText.parse(r.hash()))));
            lines.add(source + " " + group + " " + r.hash());
        } catch (Exception e) {
            // an image the decoder refuses is not a seed
        }
    }
}
