package io.imageguard.ingest;

import io.imageguard.ingest.decode.ImageDecodeException;
import io.imageguard.ingest.decode.JpegDcDecoder;
import io.imageguard.ingest.decode.ReducedImageDecoder;
import io.imageguard.ingest.fetch.ImageHeader;
import io.imageguard.match.AreaAverage;
import io.imageguard.match.PhotoHash;
import io.imageguard.match.PhotoInput;
import io.imageguard.match.PhotoMatcher;

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
        PhotoInput input = input(bytes);
        boolean tiny = Math.min(input.width(), input.height()) < CONTRAST_SIDE;
        boolean uniform = input.lumaDeviation(CONTRAST_SIDE) < minContrast;
        return new Result(matcher.hash(input).toText().toString(), tiny || uniform);
    }

    /** Every view's hashes of a photo file's bytes, as {@code imageguard hash} prints them. */
    public PhotoHash views(byte[] bytes) throws ImageDecodeException {
        return matcher.hash(input(bytes));
    }

    /**
     * What the matcher hashes: the photo decoded at reduced resolution and area-averaged to {@code
     * inputSide} on its longer side. A JPEG that the reduced decoder reads as luma and chroma is
     * taken from those planes without a round trip through RGB (its luma is JPEG's Y, the Rec. 601
     * luma the RGB route computes; its colour the same linear mix of Cb and Cr); anything else from
     * RGB pixels.
     */
    public PhotoInput input(byte[] bytes) throws ImageDecodeException {
        int shorterSide = shorterSideNeeded(bytes);
        ReducedImageDecoder.Decoded decoded = decoder.decodeForHashing(bytes, shorterSide);
        if (decoded.planes() != null) {
            return fromPlanes(decoded.planes(), shorterSide);
        }
        return PhotoInput.of(AreaAverage.reduce(decoded.image(), inputSide));
    }

    /** Sizes as {@link ReducedImageDecoder#decode} and {@link AreaAverage#reduce} would give. */
    private PhotoInput fromPlanes(JpegDcDecoder.Planes p, int shorterSide) {
        int w = p.width();
        int h = p.height();
        int[] decoded = ReducedImageDecoder.reducedSize(w, h, shorterSide);
        int[] size = AreaAverage.reducedSize(decoded[0], decoded[1], inputSide);
        float[] luma =
                io.imageguard.ingest.decode.AreaAverage.resizePlane(
                        p.luma(), p.lumaStride(), w, h, size[0], size[1]);
        return PhotoInput.ofPlanes(
                luma, size[0], size[1], opponent(p, (double) w / size[0], (double) h / size[1]));
    }

    /**
     * {@code R − G} and {@code (R + G)/2 − B} from JFIF's {@code R = Y + 1.402 Cr'}, {@code G = Y −
     * 0.344136 Cb' − 0.714136 Cr'}, {@code B = Y + 1.772 Cb'} (primes: minus 128): Y cancels, so
     * colour needs only the chroma planes, at their own resolution.
     */
    private static PhotoInput.OpponentPlanes opponent(
            JpegDcDecoder.Planes p, double decodedPerInputX, double decodedPerInputY) {
        if (p.cb() == null) {
            return null;
        }
        int cw = p.chromaWidth();
        int ch = p.chromaHeight();
        float[] rg = new float[cw * ch];
        float[] yb = new float[cw * ch];
        byte[] cb = p.cb();
        byte[] cr = p.cr();
        for (int row = 0; row < ch; row++) {
            for (int x = 0, i = row * p.chromaStride(), o = row * cw; x < cw; x++) {
                float b = (cb[i + x] & 0xFF) - 128;
                float r = (cr[i + x] & 0xFF) - 128;
                rg[o + x] = 0.344136f * b + 2.116136f * r;
                yb[o + x] = 0.343932f * r - 1.944068f * b;
            }
        }
        return new PhotoInput.OpponentPlanes(
                cw,
                ch,
                rg,
                yb,
                p.chromaPerLumaX() * decodedPerInputX,
                p.chromaPerLumaY() * decodedPerInputY);
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
}
