package io.imageguard.match;

import java.awt.image.BufferedImage;

/**
 * What a photo's hashes are computed from: its luminance at the hashing size and its opponent
 * colours. Made from RGB pixels, or from planes a decoder holds apart already (a JPEG's luma and
 * chroma), which spares that decoder converting to RGB only for the hasher to convert back.
 */
public final class PhotoInput {
    final GrayImage luma;
    final Chroma colour;

    private PhotoInput(GrayImage luma, Chroma colour) {
        this.luma = luma;
        this.colour = colour;
    }

    /**
     * A photo's opponent colours {@code R − G} and {@code (R + G)/2 − B}, {@code width × height}
     * row by row, at a resolution of their own: {@code perLumaX} colour samples per luma pixel
     * across and {@code perLumaY} down, both planes covering the same extent as the luma.
     */
    public record OpponentPlanes(
            int width,
            int height,
            float[] redGreen,
            float[] yellowBlue,
            double perLumaX,
            double perLumaY) {
        public OpponentPlanes {
            if (redGreen.length != width * height || yellowBlue.length != width * height) {
                throw new IllegalArgumentException("planes of " + width + "x" + height);
            }
        }
    }

    /** Every pixel of {@code image}. */
    public static PhotoInput of(BufferedImage image) {
        return of(AreaAverage.pixels(image), image.getWidth(), image.getHeight());
    }

    /** A {@code w × h} image given as {@code 0xRRGGBB} pixels row by row (alpha ignored). */
    public static PhotoInput of(int[] rgb, int w, int h) {
        if (rgb.length != w * h) {
            throw new IllegalArgumentException(rgb.length + " pixels for " + w + "x" + h);
        }
        return new PhotoInput(GrayImage.of(rgb, w, h), Chroma.of(rgb, w, h));
    }

    /**
     * Luminance {@code luma} ({@code w × h}, 0–255, row by row) and its colours, or {@code null}
     * for a grey photo; {@code colour}'s scale is relative to this luminance.
     */
    public static PhotoInput ofPlanes(float[] luma, int w, int h, OpponentPlanes colour) {
        if (luma.length != w * h) {
            throw new IllegalArgumentException(luma.length + " samples for " + w + "x" + h);
        }
        Chroma chroma =
                colour == null
                        ? Chroma.GREY
                        : Chroma.of(
                                colour.redGreen(),
                                colour.yellowBlue(),
                                colour.width(),
                                colour.height(),
                                colour.perLumaX(),
                                colour.perLumaY());
        return new PhotoInput(new GrayImage(w, h, luma), chroma);
    }

    public int width() {
        return luma.width;
    }

    public int height() {
        return luma.height;
    }

    /** The standard deviation of luminance (0–255) over this photo area-averaged to n × n. */
    public double lumaDeviation(int n) {
        float[] cells = luma.resample(0, 0, luma.width, luma.height, n, n);
        double sum = 0;
        double sumSquares = 0;
        for (float v : cells) {
            sum += v;
            sumSquares += (double) v * v;
        }
        double mean = sum / cells.length;
        return Math.sqrt(Math.max(0, sumSquares / cells.length - mean * mean));
    }
}
