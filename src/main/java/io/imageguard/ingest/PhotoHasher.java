package io.imageguard.ingest;

import io.imageguard.ingest.decode.AreaAverage;
import io.imageguard.ingest.decode.ImageDecodeException;
import io.imageguard.ingest.decode.ReducedImageDecoder;
import io.imageguard.ingest.fetch.ImageHeader;
import io.imageguard.match.PhotoHash;
import io.imageguard.match.PhotoMatcher;
import java.awt.image.BufferedImage;

/**
 * Decodes a photo at reduced resolution and hashes its views with the {@link PhotoMatcher}: the
 * text form {@code dct64-w:<hex>,…,dct256-w:<hex>,…} the registry stores and events may carry. The
 * image is decoded to at least {@code inputSide} on its shorter side (a JPEG large enough is
 * decoded at 1/8 to 7/8 scale from its low-frequency coefficients) and area-averaged to {@code
 * inputSide} on its longer side, the size the matcher was measured at. Thread-safe.
 */
public final class PhotoHasher {
    /** Low information is judged on a 32×32 area average. */
    private static final int CONTRAST_SIDE = 32;

    private final ReducedImageDecoder decoder;
    private final double minContrast;
    private final int inputSide;
    private final PhotoMatcher matcher = new PhotoMatcher();

    /**
     * @param minContrast below this standard deviation of luminance (0–255) over a 32×32 area
     *     average, a photo is near-uniform: low information
     * @param inputSide the long side photos are hashed at ({@code matching.hash-input-side})
     */
    public PhotoHasher(long maxPixels, double minContrast, int inputSide) {
        this.decoder = new ReducedImageDecoder(maxPixels);
        this.minContrast = minContrast;
        this.inputSide = inputSide;
    }

    /**
     * The hash text, and whether the photo carries too little to be matched: tiny (shorter side
     * below 32 px) or near-uniform (blank, single-colour). Such photos match everything; the
     * registry neither registers nor flags them.
     */
    public record Result(String hash, boolean lowInformation) {}

    public Result hash(byte[] bytes) throws ImageDecodeException {
        BufferedImage reduced = reduce(bytes);
        boolean tiny = Math.min(reduced.getWidth(), reduced.getHeight()) < CONTRAST_SIDE;
        boolean uniform =
                luminanceDeviation(AreaAverage.resize(reduced, CONTRAST_SIDE, CONTRAST_SIDE))
                        < minContrast;
        return new Result(matcher.hash(reduced).toText().toString(), tiny || uniform);
    }

    /** Every view's hashes of a photo file's bytes, as {@code imageguard hash} prints them. */
    public PhotoHash views(byte[] bytes) throws ImageDecodeException {
        return matcher.hash(reduce(bytes));
    }

    /**
     * The image the matcher hashes: decoded at reduced resolution and area-averaged to {@code
     * inputSide} on its longer side (what {@link #hash} and {@link #views} start from).
     */
    public BufferedImage input(byte[] bytes) throws ImageDecodeException {
        return reduce(bytes);
    }

    private BufferedImage reduce(byte[] bytes) throws ImageDecodeException {
        return io.imageguard.match.AreaAverage.reduce(
                decoder.decode(bytes, shorterSideNeeded(bytes)), inputSide);
    }

    /**
     * The shorter side that still gives {@code inputSide} on the longer one: a 4:3 photo needs 384,
     * not 512, so more photos take the cheap reduced JPEG decode. Without a readable header (the
     * decoder then refuses), {@code inputSide}.
     */
    private int shorterSideNeeded(byte[] bytes) {
        return ImageHeader.read(bytes, bytes.length)
                .map(
                        h ->
                                (int)
                                        Math.ceil(
                                                (double) inputSide
                                                        * Math.min(h.width(), h.height())
                                                        / Math.max(
                                                                1,
                                                                Math.max(h.width(), h.height()))))
                .map(side -> Math.max(1, side))
                .orElse(inputSide);
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
}
