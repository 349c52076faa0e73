package io.imageguard.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imageguard.synth.PhotoEdit;
import io.imageguard.synth.ProductPhotoPainter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PhotoMatcherTest {
    private final PhotoMatcher matcher = new PhotoMatcher();

    private static BufferedImage photo(long seed) {
        return AreaAverage.reduce(ProductPhotoPainter.paint(seed), 512);
    }

    @Test
    void aResizedCopyMatches() {
        BufferedImage original = photo(1);
        BufferedImage copy = AreaAverage.reduce(original, 300);

        PhotoMatcher.Comparison c = matcher.compare(matcher.hash(original), matcher.hash(copy));

        assertThat(c.verified()).isTrue();
        assertThat(c.indexDistance()).isLessThanOrEqualTo(PhotoMatcher.DEFAULT_RADIUS);
        assertThat(c.verifyDistance()).isLessThanOrEqualTo(PhotoMatcher.DEFAULT_VERIFY);
        assertThat(c.match()).isTrue();
    }

    @Test
    void copiesTurnedByThreeDegreesAndCroppedMatchThroughATurnedView() {
        // SPEC T6: a small rotation (±3°) leaves a copy the same image. Turning such a copy back
        // shows its original's centre enlarged by about 1.1, which is the registered c90 view when
        // trimming leaves the original whole (no uniform border): those photos are the test's.
        int photos = 0;
        for (long seed = 20; seed < 40; seed++) {
            BufferedImage original = photo(seed);
            GrayImage gray = GrayImage.of(original);
            if (!java.util.Arrays.equals(Views.trim(gray), Views.whole(gray))) {
                continue;
            }
            photos++;
            PhotoHash registered = matcher.hash(original);
            // the dev set's edit: turned by +3° or −3° (as the random draws), cropped to fill
            for (long draw = 1; draw <= 4; draw++) {
                BufferedImage copy =
                        PhotoEdit.byId("rotate-crop").apply(original, new SplittableRandom(draw));
                PhotoMatcher.Comparison c = matcher.compare(registered, matcher.hash(copy));
                assertThat(c.match()).as("photo %d, draw %d: %s", seed, draw, c).isTrue();
            }
        }
        assertThat(photos).isGreaterThanOrEqualTo(5);
    }

    @Test
    void anotherShotOfTheSameProductRarelyMatches() {
        // SPEC T6: another shot of the same product is not the same image. The painter's second
        // shot moves and turns the product on the same backdrop; a small turn on a plain backdrop
        // is what a ±3° copy looks like, and the dev set still matches 2 of its 50 such pairs at
        // the default thresholds (docs/hashing.md): more than one in twenty here is a regression.
        int matched = 0;
        for (long product = 9000; product < 9020; product++) {
            PhotoHash first =
                    matcher.hash(AreaAverage.reduce(ProductPhotoPainter.paint(product, 1), 512));
            PhotoHash second =
                    matcher.hash(AreaAverage.reduce(ProductPhotoPainter.paint(product, 2), 512));
            matched += matcher.compareEither(first, second).match() ? 1 : 0;
        }
        assertThat(matched).isLessThanOrEqualTo(1);
    }

    @Test
    void regionViewsVerifyAtTheirOwnThreshold() {
        PhotoMatcher strict = new PhotoMatcher(16, 10, 90);

        assertThat(strict.thresholdFor("w")).isEqualTo(10);
        assertThat(strict.thresholdFor("wp3")).isEqualTo(10);
        assertThat(strict.thresholdFor("r")).isEqualTo(90);
        assertThat(strict.thresholdFor("rt")).isEqualTo(90);
    }

    /**
     * A hash text from per-view 64-bit hashes and 256-bit hashes (four words, most significant
     * first), views in the order given.
     */
    private static PhotoHash views(Object... viewSmallLarge) {
        return PhotoHash.fromText(HashText.parse(HashTexts.views(viewSmallLarge)));
    }

    private static final long[] NONE = {0, 0, 0, 0};
    private static final long[] ALL = {-1L, -1L, -1L, -1L};

    /** The lowest 60 bits set: 60 bits from {@link #NONE}. */
    private static final long[] SIXTY = {0, 0, 0, 0x0FFF_FFFF_FFFF_FFFFL};

    @Test
    void regionViewsFindCandidatesWithinTheirOwnRadius() {
        // registered: w = 0, t = all ones. The query's w and t lie 30-34 bits from both, also
        // mirrored (the 64-bit mirror mask has 30 bits); only the view under test is near.
        PhotoHash registered = views("w", 0L, NONE, "t", -1L, ALL);
        long farW = 0x0000_0000_FFFF_FFFFL;
        long farT = 0xFFFF_FFFF_0000_0000L;
        PhotoMatcher m = new PhotoMatcher(10, 14, 47, 84);
        assertThat(m.radiusFor("r")).isEqualTo(14);
        assertThat(m.radiusFor("rt")).isEqualTo(14);
        assertThat(m.radiusFor("w")).isEqualTo(10);
        assertThat(m.radiusFor("tm3")).isEqualTo(10);

        // region view r 14 bits from the registered w, 60 bits on 256: a candidate (14 <= 14)
        // that verifies at the region threshold (60 <= 84)
        PhotoMatcher.Comparison region =
                m.compare(registered, views("w", farW, NONE, "t", farT, NONE, "r", 0x3FFFL, SIXTY));
        assertThat(region.match()).isTrue();
        assertThat(region.queryView()).isEqualTo("r");
        assertThat(region.registeredView()).isEqualTo("w");
        assertThat(region.mirrored()).isFalse();
        assertThat(region.verifyDistance()).isEqualTo(60);
        assertThat(region.verifyThreshold()).isEqualTo(84);
        assertThat(region.indexDistance()).isEqualTo(14);

        // one bit further: no candidate
        PhotoMatcher.Comparison beyond =
                m.compare(registered, views("w", farW, NONE, "t", farT, NONE, "r", 0x7FFFL, SIXTY));
        assertThat(beyond.verified()).isFalse();
        assertThat(beyond.match()).isFalse();

        // the same 14 bits on the whole view: beyond its radius 10, although it would verify
        PhotoMatcher.Comparison whole =
                m.compare(registered, views("w", 0x3FFFL, NONE, "t", farT, NONE));
        assertThat(whole.verified()).isFalse();
        assertThat(
                        new PhotoMatcher(10, 47, 84)
                                .compare(registered, views("w", 0x3FFFL, NONE, "t", farT, NONE))
                                .verified())
                .isFalse();
        assertThat(
                        new PhotoMatcher(14, 10, 47, 84)
                                .compare(registered, views("w", 0x3FFFL, NONE, "t", farT, NONE))
                                .match())
                .isTrue();

        // the region view's trim, mirrored: its mirror image is 14 bits from w
        long[] mirrorOfSixty = new long[4];
        for (int k = 0; k < 4; k++) {
            mirrorOfSixty[k] = SIXTY[k] ^ DctHash.H256.mirrorMask[k];
        }
        PhotoMatcher.Comparison mirrored =
                m.compare(
                        registered,
                        views(
                                "w",
                                farW,
                                NONE,
                                "t",
                                farT,
                                NONE,
                                "rt",
                                0x3FFFL ^ PhotoHash.MIRROR_MASK_64,
                                mirrorOfSixty));
        assertThat(mirrored.match()).isTrue();
        assertThat(mirrored.queryView()).isEqualTo("rt");
        assertThat(mirrored.mirrored()).isTrue();
        assertThat(mirrored.verifyDistance()).isEqualTo(60);

        // the three-argument matcher keeps one radius for every view
        assertThat(
                        new PhotoMatcher(10, 47, 84)
                                .compare(
                                        registered,
                                        views(
                                                "w", farW, NONE, "t", farT, NONE, "r", 0x3FFFL,
                                                SIXTY))
                                .verified())
                .isFalse();
        assertThatThrownBy(() -> new PhotoMatcher(10, 65, 47, 84))
                .hasMessageContaining("region candidate radius");
    }

    @Test
    void differentPhotosDoNotMatch() {
        PhotoHash a = matcher.hash(photo(1));

        for (long seed = 2; seed <= 6; seed++) {
            PhotoMatcher.Comparison c = matcher.compareEither(a, matcher.hash(photo(seed)));
            assertThat(c.match()).as("photo %d", seed).isFalse();
        }
    }

    @Test
    void aMirroredCopyMatchesThroughTheMirrorQuery() {
        BufferedImage original = photo(3);
        BufferedImage mirror =
                new BufferedImage(
                        original.getWidth(), original.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = mirror.createGraphics();
        g.drawImage(original, new AffineTransform(-1, 0, 0, 1, original.getWidth(), 0), null);
        g.dispose();

        PhotoMatcher.Comparison c = matcher.compare(matcher.hash(original), matcher.hash(mirror));

        assertThat(c.match()).isTrue();
        assertThat(c.mirrored()).isTrue();
    }

    @Test
    void mirroringFlipsExactlyTheOddHorizontalFrequencyBits() {
        // cos(pi (2(31-x)+1) u / 64) = (-1)^u cos(pi (2x+1) u / 64): odd u change sign.
        float[] px = new float[32 * 32];
        float[] mirrored = new float[32 * 32];
        java.util.Random rnd = new java.util.Random(5);
        for (int i = 0; i < px.length; i++) {
            px[i] = rnd.nextInt(256);
        }
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                mirrored[y * 32 + x] = px[y * 32 + 31 - x];
            }
        }

        long h = DctHash.H64.ofThumbnail(px)[0];
        long m = DctHash.H64.ofThumbnail(mirrored)[0];

        assertThat(m).isEqualTo(h ^ DctHash.H64.mirrorMask[0]);
    }

    @Test
    void aLetterboxedCopyMatchesThroughTheTrimmedView() {
        BufferedImage original = photo(4);
        int side = Math.max(original.getWidth(), original.getHeight());
        BufferedImage boxed = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = boxed.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, side, side);
        g.drawImage(
                original,
                (side - original.getWidth()) / 2,
                (side - original.getHeight()) / 2,
                null);
        g.dispose();

        assertThat(matcher.compare(matcher.hash(original), matcher.hash(boxed)).match()).isTrue();
    }

    @Test
    void theTextFormRoundTripsAndComparesTheSame() {
        PhotoHash a = matcher.hash(photo(1));
        PhotoHash b = matcher.hash(AreaAverage.reduce(photo(1), 256));

        PhotoHash a2 = PhotoHash.fromText(HashText.parse(a.toText().toString()));
        PhotoHash b2 = PhotoHash.fromText(HashText.parse(b.toText().toString()));

        assertThat(a2.toText().toString()).isEqualTo(a.toText().toString());
        assertThat(matcher.compare(a2, b2)).isEqualTo(matcher.compare(a, b));
    }

    @Test
    void theTextFormNamesEachViewsHashesAndColours() {
        HashText text = matcher.hash(photo(2)).toText();

        assertThat(text.get("dct64-t").bytes()).hasSize(8);
        assertThat(text.get("dct256-t").bytes()).hasSize(32);
        assertThat(text.get("chroma-t").bytes()).hasSize(18);
    }

    @Test
    void rejectsHashTextWithUnknownViewsOrWrongLengths() {
        assertThatThrownBy(
                        () ->
                                PhotoHash.fromText(
                                        HashText.parse(
                                                "dct64-zz:0011223344556677,dct256-zz:"
                                                        + "00".repeat(32))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                PhotoHash.fromText(
                                        HashText.parse(
                                                "dct64-w:0011223344556677,dct256-w:"
                                                        + "00".repeat(32)
                                                        + ",dct64-t:00112233,dct256-t:"
                                                        + "00".repeat(32))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhotoHash.fromText(HashText.parse("dct64-t:0011223344556677")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** {@code image} with every pixel passed through {@code f} (0xRRGGBB → 0xRRGGBB). */
    private static BufferedImage recolour(
            BufferedImage image, java.util.function.IntUnaryOperator f) {
        BufferedImage out =
                new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                out.setRGB(x, y, f.applyAsInt(image.getRGB(x, y) & 0xffffff));
            }
        }
        return out;
    }

    private static int luma(int rgb) {
        return (int)
                Math.round(
                        0.299 * (rgb >> 16 & 0xff)
                                + 0.587 * (rgb >> 8 & 0xff)
                                + 0.114 * (rgb & 0xff));
    }

    @Test
    void theSameShapeInOtherColoursIsNotACopy() {
        BufferedImage original = photo(1);
        // red and blue swapped: the same product outline, another colour (what a product range
        // in several colours, shot on the same backdrop, looks like)
        BufferedImage other =
                recolour(original, c -> (c & 0xff) << 16 | (c & 0xff00) | (c >> 16 & 0xff));

        PhotoHash a = matcher.hash(original);
        PhotoHash b = matcher.hash(other);

        assertThat(matcher.compare(a.withoutColour(), b.withoutColour()).match())
                .as("luminance alone cannot tell them apart")
                .isTrue();
        PhotoMatcher.Comparison c = matcher.compare(a, b);
        assertThat(c.match()).isFalse();
        assertThat(c.colourSetAside()).isTrue();
    }

    @Test
    void greyAndDesaturatedCopiesStillMatch() {
        BufferedImage original = photo(1);
        BufferedImage grey = recolour(original, c -> luma(c) * 0x010101);
        BufferedImage pale =
                recolour(
                        original,
                        c -> {
                            int y = luma(c);
                            int r = (y + (c >> 16 & 0xff)) / 2;
                            int g = (y + (c >> 8 & 0xff)) / 2;
                            int b = (y + (c & 0xff)) / 2;
                            return r << 16 | g << 8 | b;
                        });
        PhotoHash a = matcher.hash(original);

        assertThat(matcher.compare(a, matcher.hash(grey)).match()).isTrue();
        assertThat(matcher.compare(a, matcher.hash(pale)).match()).isTrue();
    }

    @Test
    void hashTextsWithoutColourSignaturesCompareOnLuminance() {
        PhotoHash a = matcher.hash(photo(1));
        PhotoHash b = matcher.hash(AreaAverage.reduce(photo(1), 256));
        String old = a.withoutColour().toText().toString();

        assertThat(old).doesNotContain("chroma-");
        assertThat(matcher.compare(PhotoHash.fromText(HashText.parse(old)), b).match()).isTrue();
    }

    @Test
    void rejectsThresholdsOutsideTheHashLengths() {
        assertThatThrownBy(() -> new PhotoMatcher(65, 10, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhotoMatcher(10, 257, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhotoMatcher(10, 10, 257))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
