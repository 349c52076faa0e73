package io.imageguard.ingest.decode;

import io.imageguard.ingest.decode.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes image bytes straight to a small image for hashing, as cheaply as the format allows.
 *
 * <p>The result is TYPE_INT_RGB, aspect ratio kept, its shorter side exactly {@code targetMinSide}
 * (or the source's own size when that is smaller: never upscaled), reduced with an area-average
 * filter ({@link AreaAverage}). Translucent pixels are composited over white.
 *
 * <p>How: the format comes from the magic bytes ({@link ImageFormat#sniff}). A JPEG is decoded by
 * {@link JpegDcDecoder} at the smallest of 1/8 (DC only), 2/8, ..., 7/8 scale whose shorter side is
 * still at least {@code targetMinSide} (above 1/8 for sequential JPEGs only; a progressive one that
 * needs more than 1/8 goes to ImageIO); a JPEG too small even at 7/8, one the decoder refuses for
 * any reason but the pixel limit, and every other format go through ImageIO, using source
 * subsampling down to {@value #SUBSAMPLE_HEADROOM}x the target (point sampling aliases, so the area
 * average gets that many samples per output pixel to smooth it). WebP needs an ImageIO WebP plugin
 * on the classpath, else it is {@link Reason#UNSUPPORTED}. ImageIO is lenient where the DC decoder
 * is strict: a truncated JPEG that the DC decoder refuses comes back from ImageIO with its missing
 * part filled in, as libjpeg does.
 *
 * <p>Safety: the pixel limit is checked against the header before any pixel buffer is allocated, in
 * both paths; every failure, including ImageIO's own exceptions, surfaces as {@link
 * ImageDecodeException}. Thread-safe: no mutable state.
 */
public final class ReducedImageDecoder {

    static final int SUBSAMPLE_HEADROOM = 4;

    private final long maxPixels;

    /**
     * @param maxPixels refuse images whose header declares more than width*height pixels
     */
    public ReducedImageDecoder(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /** Decodes and reduces; see the class comment for the size of the result. */
    public BufferedImage decode(byte[] bytes, int targetMinSide) throws ImageDecodeException {
        return decode(bytes, targetMinSide, false).image();
    }

    /**
     * What the hasher reads: a JPEG's planes ({@link JpegDcDecoder#decodePlanes}) at the scale
     * {@link #decode} would decode at, where the file has luma and chroma planes; otherwise the
     * image {@link #decode} gives. Exactly one of the two is non-null.
     */
    public record Decoded(JpegDcDecoder.Planes planes, BufferedImage image) {}

    /** {@link #decode}, taking a JPEG's planes instead of its RGB image where it has them. */
    public Decoded decodeForHashing(byte[] bytes, int targetMinSide) throws ImageDecodeException {
        return decode(bytes, targetMinSide, true);
    }

    private Decoded decode(byte[] bytes, int targetMinSide, boolean planesWanted)
            throws ImageDecodeException {
        if (targetMinSide < 1) {
            throw new IllegalArgumentException("targetMinSide " + targetMinSide);
        }
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == ImageFormat.JPEG) {
            ImageDecodeException dcFailure;
            try {
                JpegDcDecoder.Header header = JpegDcDecoder.readHeader(bytes);
                checkPixels(header.width(), header.height());
                int eighths = jpegScale(header, targetMinSide);
                if (eighths > 0) {
                    JpegDcDecoder.Planes planes =
                            planesWanted
                                    ? JpegDcDecoder.decodePlanes(bytes, maxPixels, eighths)
                                    : null;
                    return planes != null
                            ? new Decoded(planes, null)
                            : new Decoded(
                                    null,
                                    reduce(
                                            JpegDcDecoder.decodeScaled(bytes, maxPixels, eighths),
                                            targetMinSide));
                }
                dcFailure = null;
            } catch (ImageDecodeException e) {
                if (e.reason() == Reason.TOO_MANY_PIXELS) {
                    throw e;
                }
                dcFailure = e;
            }
            try {
                return new Decoded(null, decodeWithImageIo(bytes, format, targetMinSide));
            } catch (ImageDecodeException e) {
                if (dcFailure != null) {
                    e.addSuppressed(dcFailure);
                }
                throw e;
            }
        }
        return new Decoded(null, decodeWithImageIo(bytes, format, targetMinSide));
    }

    /**
     * The size {@link #decode} reduces a {@code w × h} decode to: its shorter side {@code target},
     * or the decode's own size when that is no larger.
     */
    public static int[] reducedSize(int w, int h, int target) {
        int shorter = Math.min(w, h);
        if (shorter <= target) {
            return new int[] {w, h};
        }
        double scale = (double) target / shorter;
        int outW = w <= h ? target : Math.max(target, (int) Math.round(w * scale));
        int outH = h < w ? target : Math.max(target, (int) Math.round(h * scale));
        return new int[] {outW, outH};
    }

    /**
     * The smallest scale N/8, N in 1..7, whose shorter side counted in whole samples (shorter * N /
     * 8 rounded down: a partial edge block's last sample is not counted) is at least the target, as
     * N; 0 when none is or the decoder cannot decode the file at that scale (progressive above
     * 1/8).
     */
    static int jpegScale(JpegDcDecoder.Header header, int targetMinSide) {
        long shorter = Math.min(header.width(), header.height());
        for (int eighths = 1; eighths <= 7; eighths++) {
            if (shorter * eighths / 8 >= targetMinSide) {
                return eighths == 1 || !header.progressive() ? eighths : 0;
            }
        }
        return 0;
    }

    private BufferedImage decodeWithImageIo(byte[] bytes, ImageFormat format, int target)
            throws ImageDecodeException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        if (!readers.hasNext()) {
            throw new ImageDecodeException(Reason.UNSUPPORTED, "no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        // A memory cache: ImageIO's default may spill to temporary files.
        try (ImageInputStream in =
                new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            if (w < 1 || h < 1) {
                throw new ImageDecodeException(Reason.CORRUPT, "size " + w + "x" + h);
            }
            checkPixels(w, h);
            ImageReadParam param = reader.getDefaultReadParam();
            int step = Math.max(1, Math.min(w, h) / (SUBSAMPLE_HEADROOM * target));
            param.setSourceSubsampling(step, step, 0, 0);
            return reduce(reader.read(0, param), target);
        } catch (IOException | RuntimeException e) {
            // ImageIO readers signal bad data with assorted runtime exceptions too.
            throw new ImageDecodeException(Reason.CORRUPT, format + " via ImageIO: " + e, e);
        } finally {
            reader.dispose();
        }
    }

    private void checkPixels(int w, int h) throws ImageDecodeException {
        if ((long) w * h > maxPixels) {
            throw new ImageDecodeException(
                    Reason.TOO_MANY_PIXELS,
                    w + "x" + h + " exceeds the limit of " + maxPixels + " pixels");
        }
    }

    /** Area-averages so the shorter side is the target; never enlarges. */
    static BufferedImage reduce(BufferedImage img, int target) {
        int[] size = reducedSize(img.getWidth(), img.getHeight(), target);
        return AreaAverage.resize(img, size[0], size[1]);
    }
}
