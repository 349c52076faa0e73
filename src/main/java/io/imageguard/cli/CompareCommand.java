package io.imageguard.cli;

import io.imageguard.match.HashText;
import io.imageguard.match.PhotoHash;
import io.imageguard.match.PhotoMatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code compare A B}: whether two photos (image files, or hash texts as {@code hash} prints them)
 * are copies of one another, with the evidence: the best 64-bit view distance and the candidate
 * radius, whether verification ran, its 256-bit distance and threshold, and {@code match} or {@code
 * no-match} on the last line. Exit status 0 either way.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = "Compare two photos (files or hash texts).")
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A")
    String a;

    @Parameters(index = "1", paramLabel = "B")
    String b;

    @Mixin ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        PhotoFiles photos = new PhotoFiles(config.load());
        PhotoMatcher.Comparison c =
                photos.matcher().compareEither(read(photos, a), read(photos, b));
        System.out.printf(
                "index distance %d (candidate radius %d)%n",
                c.indexDistance(), c.candidateRadius());
        if (c.verified()) {
            System.out.printf(
                    "verification ran: distance %d (threshold %d), views %s ~ %s%s%n",
                    c.verifyDistance(),
                    c.verifyThreshold(),
                    c.registeredView(),
                    c.queryView(),
                    c.mirrored() ? ", mirrored" : "");
        } else if (c.colourSetAside()) {
            System.out.println(
                    "verification did not run: the view pairs within the radius differ in colour");
        } else {
            System.out.println("verification did not run: no view pair within the radius");
        }
        if (c.verified() && c.colourSetAside()) {
            System.out.println("view pairs nearer a match set aside: their colours differ");
        }
        System.out.println(c.match() ? "match" : "no-match");
        return 0;
    }

    private static PhotoHash read(PhotoFiles photos, String arg) throws Exception {
        Path file = Path.of(arg);
        if (Files.isRegularFile(file)) {
            return photos.hash(file);
        }
        return PhotoHash.fromText(HashText.parse(arg));
    }
}
