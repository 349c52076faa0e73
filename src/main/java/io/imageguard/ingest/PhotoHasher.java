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
    private final double minContrast;
    private final PerceptiveHash phash = new PreReducedPerceptiveHash();

    /**
     * @param minContrast below this standard deviation of luminance (0–255) over the hashed 32×32
     *     image, a photo is near-uniform: low information
     */
    public PhotoHasher(long maxPixels, double minContrast) {
        this.decoder = new ReducedImageDecoder(maxPixels);
        this.minContrast = minContrast;
    }

    /**
     * The hash, and whether the photo carries too little to be matched: tiny (shorter side below 32
     * px) or near-uniform (blank, single-colour). Such photos match everything; the registry
     * neither registers nor flags them.
     */
    public record Result(String hash, boolean lowInformation) {}

    public Result hash(byte[] bytes) throws ImageDecodeException {
        BufferedImage reduced = decoder.decode(bytes, HASH_SIDE);
        BigInteger value = phash.hash(reduced).getHashValue();
        boolean tiny = Math.min(reduced.getWidth(), reduced.getHeight()) < HASH_SIDE;
        boolean uniform =
                luminanceDeviation(AreaAverage.resize(reduced, HASH_SIDE, HASH_SIDE)) < minContrast;
        return new Result(ALGORITHM + ":" + String.format("%016x", value), tiny || uniform);
    }

    static double luminanceDeviation(BufferedImage image) {
        int n = image.getWidth() * image.getHeight();
        double sum = 0;
        double sumSquares = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                double luma =
                        0.299 * ((rgb >> 16) & 0xff)
                                + 0.587 * ((rgb >> 8) & 0xff)
                                + 0.114 * (rgb & 0xff);
                sum += luma;
                sumSquares += luma * luma;
            }
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sumSquares / n - mean * mean));
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
