package io.imageguard.ingest.decode;

import static io.imageguard.ingest.decode.TestJpegs.jpeg;
import static io.imageguard.ingest.decode.TestJpegs.photoLike;
import static org.assertj.core.api.Assertions.assertThat;

import io.imageguard.ingest.PhotoHasher;
import io.imageguard.ingest.decode.TestJpegs.Encoding;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random byte flips and truncations of valid JPEGs: every outcome must be an image or an {@link
 * ImageDecodeException}, at 1/8, 1/4 and 1/2 scale in turn. Eight mutations per byte of the file
 * (at most 4000) keep the work bounded by data size; the decoder's own work is bounded by
 * construction (blocks of the limited frame, one pass over the bytes), so a hang would show as this
 * test never finishing.
 */
class JpegDcDecoderFuzzTest {

    private static final long MAX_PIXELS = 1_000_000;

    /** Each mutation goes through one of the decoder's scales, in eighths, in turn. */
    private static final int[] SCALES = {1, 2, 4, 3, 5, 6, 7};

    static Stream<Arguments> seeds() {
        Encoding e = Encoding.baseline420();
        return Stream.of(
                Arguments.of("baseline 4:2:0 restarts", jpeg(photoLike(96, 64, 1), e.restarts(2))),
                Arguments.of(
                        "progressive 4:4:4",
                        jpeg(photoLike(80, 56, 2), e.sampling(1, 1).asProgressive())),
                Arguments.of(
                        "progressive restarts",
                        jpeg(photoLike(72, 72, 3), e.asProgressive().restarts(3))),
                Arguments.of("gray", jpeg(TestJpegs.toGray(photoLike(72, 40, 4)), e)),
                // Over 1024 blocks: the multi-symbol AC path.
                Arguments.of(
                        "baseline 4:4:4 large", jpeg(photoLike(256, 136, 5), e.sampling(1, 1))));
    }

    private static final PhotoHasher HASHER = new PhotoHasher(MAX_PIXELS, 4.0, 64);

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void mutatedJpegsDecodeOrThrowTheDecodeException(String name, byte[] valid) {
        Random rnd = new Random(name.hashCode());
        ReducedImageDecoder reduced = new ReducedImageDecoder(MAX_PIXELS);
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < Math.min(valid.length * 8, 4000); i++) {
            byte[] bytes = mutate(valid, rnd);
            // Every eighth mutation also through the ImageIO fallback, which is far slower.
            for (int path = 0; path < (i % 8 == 0 ? 2 : 1); path++) {
                try {
                    BufferedImage img =
                            path == 0
                                    ? JpegDcDecoder.decodeScaled(
                                            bytes, MAX_PIXELS, SCALES[i % SCALES.length])
                                    : reduced.decode(bytes, 4);
                    assertThat(img.getWidth()).isPositive();
                    decoded++;
                } catch (ImageDecodeException expected) {
                    refused++;
                }
            }
            // The planes the hasher reads: the same outcomes, or none for files without them.
            try {
                JpegDcDecoder.Planes planes =
                        JpegDcDecoder.decodePlanes(bytes, MAX_PIXELS, SCALES[i % SCALES.length]);
                if (planes != null) {
                    assertThat(planes.width()).isPositive();
                    assertThat(planes.luma().length)
                            .isGreaterThanOrEqualTo(planes.lumaStride() * (planes.height() - 1));
                }
            } catch (ImageDecodeException expected) {
                refused++;
            }
            if (i % 8 == 4) {
                // ...and the hasher the job runs on them.
                try {
                    assertThat(HASHER.hash(bytes).hash()).startsWith("dct64-w:");
                } catch (ImageDecodeException expected) {
                    refused++;
                }
            }
        }
        // Both outcomes occur: the mutations are neither all harmless nor all fatal.
        assertThat(decoded).isPositive();
        assertThat(refused).isPositive();
    }

    private static byte[] mutate(byte[] valid, Random rnd) {
        byte[] b = valid.clone();
        switch (rnd.nextInt(4)) {
            case 0 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            case 1 -> {
                for (int k = 1 + rnd.nextInt(8); k > 0; k--) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 2 -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
            default -> {
                // Headers are where lengths and sizes live: hit the first 700 bytes.
                int p = rnd.nextInt(Math.min(b.length, 700));
                b[p] = (byte) (rnd.nextBoolean() ? 0xFF : rnd.nextInt(256));
            }
        }
        return b;
    }
}
