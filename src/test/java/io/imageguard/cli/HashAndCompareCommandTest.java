package io.imageguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imageguard.synth.ImageOps;
import io.imageguard.synth.PhotoEdit;
import io.imageguard.synth.ProductPhotoPainter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imageguard hash DIR --out F} and {@code imageguard compare A B}, as README shows them. */
class HashAndCompareCommandTest {

    private static String run(String... args) throws Exception {
        PrintStream original = System.out;
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            assertThat(ImageguardCli.commandLine().execute(args)).isZero();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void hashesEveryFileAndComparesFilesOrHashTexts(@TempDir Path dir) throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos/sub"));
        var dress = ProductPhotoPainter.paint(11);
        Files.write(dir.resolve("photos/a-original.jpg"), ImageOps.jpeg(dress, 0.9f));
        Files.write(
                photos.resolve("b-framed.jpg"),
                ImageOps.jpeg(PhotoEdit.byId("frame").apply(dress, new SplittableRandom(1)), 0.9f));
        Files.write(
                dir.resolve("photos/c-other.jpg"),
                ImageOps.jpeg(ProductPhotoPainter.paint(12), 0.9f));
        Files.write(dir.resolve("photos/d-notes.txt"), "not an image".getBytes());
        Path tsv = dir.resolve("hashes.tsv");

        run("hash", dir.resolve("photos").toString(), "--out", tsv.toString());

        List<String> lines = Files.readAllLines(tsv);
        assertThat(lines)
                .extracting(l -> l.substring(0, l.indexOf('\t')))
                .containsExactly(
                        "a-original.jpg", "c-other.jpg", "d-notes.txt", "sub/b-framed.jpg");
        assertThat(lines.get(0)).contains("\tdct64-w:").contains(",dct256-w:");
        assertThat(lines.get(2)).endsWith("\terror:UNKNOWN_FORMAT");

        String original = dir.resolve("photos/a-original.jpg").toString();
        String sameByFile = run("compare", original, photos.resolve("b-framed.jpg").toString());
        assertThat(sameByFile).contains("verification ran");
        assertThat(lastLine(sameByFile)).isEqualTo("match");
        assertThat(lastLine(run("compare", original, dir.resolve("photos/c-other.jpg").toString())))
                .isEqualTo("no-match");

        String hashA = lines.get(0).substring(lines.get(0).indexOf('\t') + 1);
        String hashB = lines.get(3).substring(lines.get(3).indexOf('\t') + 1);
        assertThat(lastLine(run("compare", hashA, hashB))).isEqualTo("match");
    }

    @Test
    void comparingTheSameShapeInAnotherColourSaysWhy(@TempDir Path dir) throws Exception {
        // a saturated product: a muted one's colours may still point the same way when swapped
        var dress = ProductPhotoPainter.paint(1);
        var swapped =
                new java.awt.image.BufferedImage(
                        dress.getWidth(),
                        dress.getHeight(),
                        java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < dress.getHeight(); y++) {
            for (int x = 0; x < dress.getWidth(); x++) {
                int c = dress.getRGB(x, y);
                // red and blue swapped: the same dress in another colour
                swapped.setRGB(x, y, (c & 0xff) << 16 | (c & 0xff00) | (c >> 16 & 0xff));
            }
        }
        Path a = Files.write(dir.resolve("dress.jpg"), ImageOps.jpeg(dress, 0.9f));
        Path b = Files.write(dir.resolve("dress-blue.jpg"), ImageOps.jpeg(swapped, 0.9f));

        String out = run("compare", a.toString(), b.toString());

        assertThat(out).contains("colour");
        assertThat(lastLine(out)).isEqualTo("no-match");
    }
}
