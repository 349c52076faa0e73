package io.imageguard.ingest.decode;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Node;

/** Test fixtures: photo-like images and JPEG encodings of them made with the JDK's writer. */
public final class TestJpegs {

    private static final String JPEG_METADATA = "javax_imageio_jpeg_image_1.0";

    private TestJpegs() {}

    /**
     * How to encode: luma sampling factors (chroma is 1x1), restart interval, progressive, RGB
     * without colour transform.
     */
    public record Encoding(
            float quality,
            int lumaH,
            int lumaV,
            int restartInterval,
            boolean progressive,
            boolean adobeRgb) {

        public static Encoding baseline420() {
            return new Encoding(0.9f, 2, 2, 0, false, false);
        }

        public Encoding sampling(int h, int v) {
            return new Encoding(quality, h, v, restartInterval, progressive, adobeRgb);
        }

        public Encoding restarts(int interval) {
            return new Encoding(quality, lumaH, lumaV, interval, progressive, adobeRgb);
        }

        public Encoding asProgressive() {
            return new Encoding(quality, lumaH, lumaV, restartInterval, true, adobeRgb);
        }

        public Encoding quality(float q) {
            return new Encoding(q, lumaH, lumaV, restartInterval, progressive, adobeRgb);
        }

        /** RGB components stored without colour transform (Adobe APP14 transform 0), 4:4:4. */
        public Encoding asAdobeRgb() {
            return new Encoding(quality, 1, 1, restartInterval, progressive, true);
        }
    }

    /**
     * A smooth, photo-like picture: gradients, soft shapes and a little noise, seeded, so block
     * means vary and chroma moves slowly as in photographs.
     */
    public static BufferedImage photoLike(int w, int h, long seed) {
        Random rnd = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, randomColor(rnd), w, h, randomColor(rnd)));
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 12; i++) {
            Color c = randomColor(rnd);
            g.setPaint(
                    new GradientPaint(
                            rnd.nextInt(w),
                            rnd.nextInt(h),
                            c,
                            rnd.nextInt(w),
                            rnd.nextInt(h),
                            new Color(c.getRed(), c.getGreen(), c.getBlue(), 0)));
            int ew = 1 + rnd.nextInt(Math.max(1, w / 2));
            int eh = 1 + rnd.nextInt(Math.max(1, h / 2));
            g.fillOval(rnd.nextInt(w) - ew / 2, rnd.nextInt(h) - eh / 2, ew, eh);
        }
        g.dispose();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                int n = rnd.nextInt(9) - 4;
                img.setRGB(
                        x,
                        y,
                        add(p >> 16 & 255, n) << 16 | add(p >> 8 & 255, n) << 8 | add(p & 255, n));
            }
        }
        return img;
    }

    /** An image of one colour. */
    public static BufferedImage filled(Color c, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    public static BufferedImage toGray(BufferedImage src) {
        BufferedImage gray =
                new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = gray.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return gray;
    }

    public static byte[] jpeg(BufferedImage img, Encoding enc) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(enc.quality());
            if (enc.progressive()) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            IIOMetadata md = writer.getDefaultImageMetadata(new ImageTypeSpecifier(img), param);
            IIOMetadataNode root = (IIOMetadataNode) md.getAsTree(JPEG_METADATA);
            IIOMetadataNode sof = (IIOMetadataNode) root.getElementsByTagName("sof").item(0);
            if (sof.getElementsByTagName("componentSpec").getLength() == 3) {
                IIOMetadataNode luma =
                        (IIOMetadataNode) sof.getElementsByTagName("componentSpec").item(0);
                luma.setAttribute("HsamplingFactor", Integer.toString(enc.lumaH()));
                luma.setAttribute("VsamplingFactor", Integer.toString(enc.lumaV()));
            }
            if (enc.adobeRgb()) {
                // No JFIF, an Adobe APP14 with transform 0: the writer stores R, G, B as they are.
                Node variety = root.getElementsByTagName("JPEGvariety").item(0);
                while (variety.hasChildNodes()) {
                    variety.removeChild(variety.getFirstChild());
                }
                IIOMetadataNode adobe = new IIOMetadataNode("app14Adobe");
                adobe.setAttribute("transform", "0");
                Node markers = root.getElementsByTagName("markerSequence").item(0);
                markers.insertBefore(adobe, markers.getFirstChild());
            }
            if (enc.restartInterval() > 0) {
                Node markers = root.getElementsByTagName("markerSequence").item(0);
                IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(enc.restartInterval()));
                markers.insertBefore(dri, markers.getFirstChild());
            }
            md.setFromTree(JPEG_METADATA, root);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(img, null, md), param);
            }
            writer.dispose();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The full ImageIO decode, each 8x8 block averaged (partial edge blocks over their pixels). */
    public static int[][] blockMeansOfFullDecode(byte[] jpeg) {
        return blockMeansOfFullDecode(jpeg, 8);
    }

    /** The full ImageIO decode, each size x size block averaged (partial edge blocks likewise). */
    public static int[][] blockMeansOfFullDecode(byte[] jpeg, int size) {
        try {
            BufferedImage full = ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
            int w = full.getWidth();
            int h = full.getHeight();
            int bw = (w + size - 1) / size;
            int bh = (h + size - 1) / size;
            int[][] rgb = new int[3][bw * bh];
            for (int by = 0; by < bh; by++) {
                for (int bx = 0; bx < bw; bx++) {
                    long[] sum = new long[3];
                    int n = 0;
                    for (int y = by * size; y < Math.min(h, by * size + size); y++) {
                        for (int x = bx * size; x < Math.min(w, bx * size + size); x++) {
                            if (full.getRaster().getNumBands() == 1) {
                                // getRGB would gamma-convert the linear gray colour space.
                                int v = full.getRaster().getSample(x, y, 0);
                                sum[0] += v;
                                sum[1] += v;
                                sum[2] += v;
                            } else {
                                int p = full.getRGB(x, y);
                                sum[0] += p >> 16 & 255;
                                sum[1] += p >> 8 & 255;
                                sum[2] += p & 255;
                            }
                            n++;
                        }
                    }
                    for (int c = 0; c < 3; c++) {
                        rgb[c][by * bw + bx] = (int) Math.round((double) sum[c] / n);
                    }
                }
            }
            return rgb;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Mean absolute difference between an image and block means: R, G, B, then luma (BT.601
     * weights, the Y of JPEG's YCbCr).
     */
    public static double[] meanAbsoluteError(BufferedImage img, int[][] reference) {
        double[] err = new double[4];
        int n = img.getWidth() * img.getHeight();
        for (int i = 0; i < n; i++) {
            int p = img.getRGB(i % img.getWidth(), i / img.getWidth());
            int[] got = {p >> 16 & 255, p >> 8 & 255, p & 255};
            int[] want = {reference[0][i], reference[1][i], reference[2][i]};
            for (int c = 0; c < 3; c++) {
                err[c] += Math.abs(got[c] - want[c]);
            }
            err[3] += Math.abs(luma(got) - luma(want));
        }
        for (int c = 0; c < 4; c++) {
            err[c] /= n;
        }
        return err;
    }

    private static double luma(int[] rgb) {
        return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
    }

    private static Color randomColor(Random rnd) {
        return new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256));
    }

    private static int add(int c, int n) {
        return Math.max(0, Math.min(255, c + n));
    }
}
