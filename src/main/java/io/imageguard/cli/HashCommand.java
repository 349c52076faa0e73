package io.imageguard.cli;

import io.imageguard.ingest.decode.ImageDecodeException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hash DIR --out hashes.tsv}: one line per file under DIR, {@code <relative path>\t<hash
 * text>}, the hash text being every view's {@code <algorithm>:<hex>} comma-separated (the form
 * events may carry in {@code hash}). A file that is not a readable image gets {@code
 * error:<REASON>} instead, so every file has its line. Files in path order.
 */
@Command(
        name = "hash",
        mixinStandardHelpOptions = true,
        description = "Hash every image under a directory (the matcher's views).")
final class HashCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "hashes.tsv")
    Path out;

    @Mixin ConfigOptions config;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) {
            System.err.println("imageguard: no such directory: " + dir);
            return 2;
        }
        PhotoFiles photos = new PhotoFiles(config.load());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        int hashed = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (Path file : files) {
                String relative = dir.relativize(file).toString().replace('\\', '/');
                String text;
                try {
                    text = photos.hash(file).toText().toString();
                    hashed++;
                } catch (ImageDecodeException e) {
                    text = "error:" + e.reason();
                }
                w.write(relative + "\t" + text);
                w.newLine();
            }
        }
        System.out.printf("%d files, %d hashed, written to %s%n", files.size(), hashed, out);
        return 0;
    }
}
