package io.imageguard.synth;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.random.RandomGenerator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Small raster helpers shared by the synthetic photo painter and the edits. */
public final class ImageOps {
    private ImageOps() {}

    /** A new opaque RGB image of the given size. */
    static BufferedImage rgb(int width, int height) {
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    /** A graphics context with quality hints; the caller disposes it. */
    static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        return g;
    }

    /** A TYPE_INT_RGB copy (edits never mutate their input). */
    static BufferedImage copy(BufferedImage src) {
        BufferedImage out = rgb(src.getWidth(), src.getHeight());
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }

    /**
     * Resamples to the given size. Large reductions go in halving steps so bilinear sampling does
     * not alias (one bilinear step only looks at 2x2 source pixels).
     */
    static BufferedImage scale(BufferedImage src, int width, int height) {
        BufferedImage cur = src;
        int w = src.getWidth();
        int h = src.getHeight();
        while (w / 2 >= width && h / 2 >= height) {
            w /= 2;
            h /= 2;
            cur = drawScaled(cur, w, h);
        }
        return drawScaled(cur, width, height);
    }

    private static BufferedImage drawScaled(BufferedImage src, int width, int height) {
        BufferedImage out = rgb(width, height);
        Graphics2D g = graphics(out);
        g.drawImage(src, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    /** Baseline JPEG bytes at the given quality (0..1). */
    public static byte[] jpeg(BufferedImage img, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            // The writer encodes 3-byte BGR rasters directly, about twice as fast as int RGB.
            BufferedImage bgr = img;
            if (img.getType() != BufferedImage.TYPE_3BYTE_BGR) {
                bgr =
                        new BufferedImage(
                                img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = bgr.createGraphics();
                g.drawImage(img, 0, 0, null);
                g.dispose();
            }
            writer.write(null, new IIOImage(bgr, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Decodes image bytes with ImageIO, as an RGB image. */
    public static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            if (img == null) {
                throw new IOException("not a decodable image");
            }
            return img.getType() == BufferedImage.TYPE_INT_RGB ? img : copy(img);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A random colour with hue anywhere and the given saturation/brightness ranges. */
    static Color hsb(RandomGenerator rnd, float satLo, float satHi, float briLo, float briHi) {
        return Color.getHSBColor(
                rnd.nextFloat(),
                satLo + rnd.nextFloat() * (satHi - satLo),
                briLo + rnd.nextFloat() * (briHi - briLo));
    }

    /** The backing pixel array of a TYPE_INT_RGB image (writes go straight to the image). */
    static int[] pixels(BufferedImage rgbImage) {
        return ((DataBufferInt) rgbImage.getRaster().getDataBuffer()).getData();
    }

    static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /** Applies a per-channel function to every pixel. */
    static BufferedImage mapPixels(BufferedImage src, PixelMap f) {
        BufferedImage out = copy(src);
        int[] px = pixels(out);
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            px[i] = f.map((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
        }
        return out;
    }

    /** Maps one pixel's channels to a packed RGB value. */
    @FunctionalInterface
    interface PixelMap {
        int map(int r, int g, int b);
    }

    static int pack(int r, int g, int b) {
        return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }
}
