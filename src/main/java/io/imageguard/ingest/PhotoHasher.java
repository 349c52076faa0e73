package io.imageguard.ingest;

import dev.brachtendorf.graphics.FastPixel;
import dev.brachtendorf.jimagehash.hashAlgorithms.PerceptiveHash;
import io.imageguard.ingest.decode.AreaAverage;
import io.imageguard.ingest.decode.ImageDecodeException;
import io.imageguard.ingest.decode.ReducedImageDecoder;
import java.awt.image.BufferedImage;
import java.math.BigInteger;

/**
 * Decodes a photo at reduced resolution and hashes it: JImageHash's 64-bit pHash, text form {@code
 * phash64:<16 hex digits>}. Thread-safe.
 *
 * <p>JImageHash reduces images by nearest-neighbour sampling through a JavaFX utility; this hands
 * it an image already reduced with an area-average filter, so JavaFX stays off the classpath and
 * the hash sees every pixel.
 */
public final class PhotoHasher {
    public static final String ALGORITHM = "phash64";

    /** pHash-64 works on a 32×32 image; decoding to at least that much is all it needs. */
    private static final int HASH_SIDE = 32;

    private final ReducedImageDecoder decoder;
    private final PerceptiveHash phash = new PreReducedPerceptiveHash();

    public PhotoHasher(long maxPixels) {
        this.decoder = new ReducedImageDecoder(maxPixels);
    }

    public String hash(byte[] bytes) throws ImageDecodeException {
        BufferedImage reduced = decoder.decode(bytes, HASH_SIDE);
        BigInteger value = phash.hash(reduced).getHashValue();
        return ALGORITHM + ":" + String.format("%016x", value);
    }

    private static final class PreReducedPerceptiveHash extends PerceptiveHash {
        private static final long serialVersionUID = 1L;

        PreReducedPerceptiveHash() {
            super(64);
        }

        @Override
        protected FastPixel createPixelAccessor(BufferedImage image, int width, int height) {
            return FastPixel.create(AreaAverage.resize(image, width, height));
        }
    }
}
