package io.imageguard.ingest.decode;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * Area-average (box filter) resampling: each output pixel is the mean of the source area it covers,
 * with fractional weights at the edges, so reduction by any factor neither aliases like
 * nearest-neighbour sampling nor drops pixels. Separable: a horizontal then a vertical pass.
 */
public final class AreaAverage {

    private AreaAverage() {}

    /**
     * Resamples to outW x outH. The result is TYPE_INT_RGB; translucent pixels are composited over
     * white, as a marketplace shows a transparent product photo.
     */
    public static BufferedImage resize(BufferedImage src, int outW, int outH) {
        if (outW < 1 || outH < 1) {
            throw new IllegalArgumentException("output size " + outW + "x" + outH);
        }
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        if (outW == w && outH == h) {
            System.arraycopy(opaqueRgb(src), 0, dst, 0, dst.length);
            return out;
        }
        Weights wx = new Weights(w, outW);
        Weights wy = new Weights(h, outH);
        byte[] bgr = packedBgr(src);
        int[] rgb = bgr == null ? opaqueRgb(src) : null;
        // Strips of output rows: the horizontal pass fills three float planes for just the
        // source rows a strip needs, and the vertical pass reads them while they are in cache.
        // Whole-image planes (megabytes per call) cost more in allocation and memory traffic than
        // the arithmetic; the few source rows two strips share are filtered twice, identically.
        int maxRows = 0;
        for (int oy0 = 0; oy0 < outH; oy0 += STRIP) {
            maxRows = Math.max(maxRows, stripEnd(wy, oy0, outH) - wy.first[oy0]);
        }
        float[] r = new float[outW * maxRows];
        float[] g = new float[outW * maxRows];
        float[] b = new float[outW * maxRows];
        float[] rowR = new float[w];
        float[] rowG = new float[w];
        float[] rowB = new float[w];
        // Reductions by less than 2 (3) give every output at most 3 (4) taps: padded to exactly
        // that many (weight 0 on the first tap's pixel), the inner loop unrolls.
        int pad = wx.maxTaps() <= 3 ? 3 : wx.maxTaps() <= 4 ? 4 : 0;
        float[] taps = pad > 0 ? wx.paddedWeights(pad) : null;
        int[] idx = pad > 0 ? wx.paddedIndices(pad) : null;
        float[] ar = new float[outW];
        float[] ag = new float[outW];
        float[] ab = new float[outW];
        for (int oy0 = 0; oy0 < outH; oy0 += STRIP) {
            int y0 = wy.first[oy0];
            int y1 = stripEnd(wy, oy0, outH);
            for (int y = y0; y < y1; y++) {
                // The row as float channels (exact: levels are small integers); ImageIO's BGR
                // bytes are read in place, without an int copy of the whole image.
                if (bgr != null) {
                    for (int x = 0, j = y * w * 3; x < w; x++, j += 3) {
                        rowR[x] = bgr[j + 2] & 0xFF;
                        rowG[x] = bgr[j + 1] & 0xFF;
                        rowB[x] = bgr[j] & 0xFF;
                    }
                } else {
                    for (int x = 0, j = y * w; x < w; x++, j++) {
                        int p = rgb[j];
                        rowR[x] = p >> 16 & 0xFF;
                        rowG[x] = p >> 8 & 0xFF;
                        rowB[x] = p & 0xFF;
                    }
                }
                int i = (y - y0) * outW;
                // Left to right, as the general loop below sums: padding taps add +0 exactly.
                if (pad == 3) {
                    for (int ox = 0, t = 0; ox < outW; ox++, i++, t += 3) {
                        int x0 = idx[t];
                        int x1 = idx[t + 1];
                        int x2 = idx[t + 2];
                        float f0 = taps[t];
                        float f1 = taps[t + 1];
                        float f2 = taps[t + 2];
                        r[i] = f0 * rowR[x0] + f1 * rowR[x1] + f2 * rowR[x2];
                        g[i] = f0 * rowG[x0] + f1 * rowG[x1] + f2 * rowG[x2];
                        b[i] = f0 * rowB[x0] + f1 * rowB[x1] + f2 * rowB[x2];
                    }
                    continue;
                }
                if (pad == 4) {
                    for (int ox = 0, t = 0; ox < outW; ox++, i++, t += 4) {
                        int x0 = idx[t];
                        int x1 = idx[t + 1];
                        int x2 = idx[t + 2];
                        int x3 = idx[t + 3];
                        float f0 = taps[t];
                        float f1 = taps[t + 1];
                        float f2 = taps[t + 2];
                        float f3 = taps[t + 3];
                        r[i] = f0 * rowR[x0] + f1 * rowR[x1] + f2 * rowR[x2] + f3 * rowR[x3];
                        g[i] = f0 * rowG[x0] + f1 * rowG[x1] + f2 * rowG[x2] + f3 * rowG[x3];
                        b[i] = f0 * rowB[x0] + f1 * rowB[x1] + f2 * rowB[x2] + f3 * rowB[x3];
                    }
                    continue;
                }
                for (int ox = 0; ox < outW; ox++, i++) {
                    float sr = 0;
                    float sg = 0;
                    float sb = 0;
                    int from = wx.first[ox];
                    for (int k = wx.offset[ox], end = wx.offset[ox + 1]; k < end; k++, from++) {
                        float f = wx.weight[k];
                        sr += f * rowR[from];
                        sg += f * rowG[from];
                        sb += f * rowB[from];
                    }
                    r[i] = sr;
                    g[i] = sg;
                    b[i] = sb;
                }
            }
            for (int oy = oy0, oyEnd = Math.min(outH, oy0 + STRIP); oy < oyEnd; oy++) {
                // Sums from 0 in row order; the terms are >= 0, so starting from the first term
                // instead of 0 + it is exact, and the last term is added as the pixel is stored.
                int row = (wy.first[oy] - y0) * outW;
                int k = wy.offset[oy];
                int last = wy.offset[oy + 1] - 1;
                float f = wy.weight[k];
                for (int ox = 0; ox < outW; ox++) {
                    ar[ox] = f * r[row + ox];
                    ag[ox] = f * g[row + ox];
                    ab[ox] = f * b[row + ox];
                }
                while (++k < last) {
                    row += outW;
                    f = wy.weight[k];
                    for (int ox = 0; ox < outW; ox++) {
                        ar[ox] += f * r[row + ox];
                        ag[ox] += f * g[row + ox];
                        ab[ox] += f * b[row + ox];
                    }
                }
                int o = oy * outW;
                if (k > last) { // one tap
                    for (int ox = 0; ox < outW; ox++) {
                        dst[o + ox] =
                                channel(ar[ox]) << 16 | channel(ag[ox]) << 8 | channel(ab[ox]);
                    }
                    continue;
                }
                row += outW;
                f = wy.weight[last];
                for (int ox = 0; ox < outW; ox++) {
                    dst[o + ox] =
                            channel(ar[ox] + f * r[row + ox]) << 16
                                    | channel(ag[ox] + f * g[row + ox]) << 8
                                    | channel(ab[ox] + f * b[row + ox]);
                }
            }
        }
        return out;
    }

    /**
     * One 8-bit plane ({@code w × h} samples, row stride {@code stride}) area-averaged to {@code
     * outW × outH}, as floats row by row, unrounded: a decoder's luma for the hasher, without a
     * round trip through RGB.
     */
    public static float[] resizePlane(byte[] src, int stride, int w, int h, int outW, int outH) {
        if (outW < 1 || outH < 1) {
            throw new IllegalArgumentException("output size " + outW + "x" + outH);
        }
        Weights wx = new Weights(w, outW);
        Weights wy = new Weights(h, outH);
        // Every output gets the same number of horizontal taps (zero weights on the first tap's
        // pixel where it has fewer), so the inner loop has no per-output bounds.
        int pad = wx.maxTaps();
        float[] taps = wx.paddedWeights(pad);
        int[] idx = wx.paddedIndices(pad);
        float[] row = new float[w];
        float[] tmp = new float[outW * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0, i = y * stride; x < w; x++) {
                row[x] = src[i + x] & 0xFF;
            }
            int o = y * outW;
            if (pad == 3) {
                for (int ox = 0, t = 0; ox < outW; ox++, t += 3) {
                    tmp[o + ox] =
                            taps[t] * row[idx[t]]
                                    + taps[t + 1] * row[idx[t + 1]]
                                    + taps[t + 2] * row[idx[t + 2]];
                }
                continue;
            }
            for (int ox = 0, t = 0; ox < outW; ox++, t += pad) {
                float sum = 0;
                for (int k = 0; k < pad; k++) {
                    sum += taps[t + k] * row[idx[t + k]];
                }
                tmp[o + ox] = sum;
            }
        }
        float[] out = new float[outW * outH];
        for (int oy = 0; oy < outH; oy++) {
            int o = oy * outW;
            int from = wy.first[oy];
            for (int k = wy.offset[oy], end = wy.offset[oy + 1]; k < end; k++, from++) {
                float f = wy.weight[k];
                int r = from * outW;
                for (int ox = 0; ox < outW; ox++) {
                    out[o + ox] += f * tmp[r + ox];
                }
            }
        }
        return out;
    }

    /** Output rows per strip of {@link #resize}. */
    private static final int STRIP = 16;

    /** One past the last source row the output rows {@code [oy0, oy0 + STRIP)} read. */
    private static int stripEnd(Weights wy, int oy0, int outH) {
        int last = Math.min(outH, oy0 + STRIP) - 1;
        return wy.first[last] + wy.offset[last + 1] - wy.offset[last];
    }

    /** The bytes of a TYPE_3BYTE_BGR image without padding or offset, or null. */
    private static byte[] packedBgr(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        if (src.getType() == BufferedImage.TYPE_3BYTE_BGR
                && src.getRaster().getDataBuffer() instanceof DataBufferByte db
                && db.getNumBanks() == 1
                && db.getOffset() == 0
                && src.getRaster().getSampleModelTranslateX() == 0
                && src.getRaster().getSampleModelTranslateY() == 0
                && src.getRaster().getSampleModel() instanceof PixelInterleavedSampleModel sm
                && sm.getPixelStride() == 3
                && sm.getScanlineStride() == 3 * w
                && sm.getBandOffsets()[0] == 2
                && sm.getBandOffsets()[1] == 1
                && sm.getBandOffsets()[2] == 0
                && db.getData().length == 3 * w * h) {
            return db.getData();
        }
        return null;
    }

    /** The image as opaque 0xRRGGBB pixels, row-major; shares the array when already so. */
    static int[] opaqueRgb(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        if (src.getType() == BufferedImage.TYPE_INT_RGB
                && src.getRaster().getDataBuffer() instanceof DataBufferInt db
                && db.getData().length == w * h) {
            return db.getData();
        }
        if ((src.getType() == BufferedImage.TYPE_3BYTE_BGR
                        || src.getType() == BufferedImage.TYPE_BYTE_GRAY)
                && src.getRaster().getDataBuffer() instanceof DataBufferByte db
                && src.getRaster().getSampleModel() instanceof PixelInterleavedSampleModel sm
                && sm.getPixelStride() * w == sm.getScanlineStride()
                && db.getData().length == sm.getScanlineStride() * h) {
            // ImageIO's JPEG result: read the bytes directly, the generic raster path is slow
            byte[] data = db.getData();
            int[] px = new int[w * h];
            if (src.getType() == BufferedImage.TYPE_BYTE_GRAY) {
                for (int i = 0; i < px.length; i++) {
                    px[i] = (data[i] & 0xFF) * 0x010101;
                }
            } else {
                for (int i = 0, j = 0; i < px.length; i++, j += 3) {
                    px[i] = (data[j + 2] & 0xFF) << 16 | (data[j + 1] & 0xFF) << 8 | data[j] & 0xFF;
                }
            }
            return px;
        }
        ColorModel cm = src.getColorModel();
        Raster raster = src.getRaster();
        int bands = raster.getNumBands();
        if (!cm.hasAlpha()
                && cm instanceof ComponentColorModel
                && raster.getTransferType() == DataBuffer.TYPE_BYTE
                && (bands == 1 || bands == 3 && cm.getColorSpace().isCS_sRGB())) {
            // What ImageIO gives for JPEG and most PNGs: read the samples without getRGB's
            // colour conversion, which is slow and would treat 8-bit gray as linear light
            // (brightening it) although JPEG and PNG gray samples are gamma-encoded like sRGB.
            int[] samples = raster.getPixels(0, 0, w, h, (int[]) null);
            int[] px = new int[w * h];
            for (int i = 0; i < px.length; i++) {
                px[i] =
                        bands == 1
                                ? samples[i] * 0x010101
                                : samples[3 * i] << 16
                                        | samples[3 * i + 1] << 8
                                        | samples[3 * i + 2];
            }
            return px;
        }
        int[] px = src.getRGB(0, 0, w, h, null, 0, w);
        if (src.getColorModel().hasAlpha()) {
            for (int i = 0; i < px.length; i++) {
                int a = px[i] >>> 24;
                if (a != 255) {
                    px[i] =
                            overWhite(px[i] >> 16 & 0xFF, a) << 16
                                    | overWhite(px[i] >> 8 & 0xFF, a) << 8
                                    | overWhite(px[i] & 0xFF, a);
                }
            }
        }
        return px;
    }

    private static int overWhite(int c, int a) {
        return (c * a + 255 * (255 - a) + 127) / 255;
    }

    private static int channel(float v) {
        int i = (int) (v + 0.5f);
        return i < 0 ? 0 : i > 255 ? 255 : i;
    }

    /** For each output index: the first source index and the normalised overlap weights. */
    private static final class Weights {
        final int[] first;
        final int[] offset;
        final float[] weight;

        Weights(int in, int out) {
            first = new int[out];
            offset = new int[out + 1];
            double scale = (double) in / out;
            int total = 0;
            for (int o = 0; o < out; o++) {
                int lo = (int) Math.floor(o * scale);
                int hi = Math.min(in, (int) Math.ceil((o + 1) * scale));
                total += Math.max(1, hi - lo);
            }
            weight = new float[total];
            int k = 0;
            for (int o = 0; o < out; o++) {
                double left = o * scale;
                double right = (o + 1) * scale;
                int lo = Math.min(in - 1, (int) Math.floor(left));
                int hi = Math.min(in, (int) Math.ceil(right));
                first[o] = lo;
                offset[o] = k;
                double sum = 0;
                int start = k;
                for (int i = lo; i < Math.max(lo + 1, hi); i++) {
                    double overlap = Math.min(i + 1, right) - Math.max(i, left);
                    weight[k++] = (float) Math.max(0, overlap);
                    sum += Math.max(0, overlap);
                }
                for (int j = start; j < k; j++) {
                    weight[j] = sum > 0 ? (float) (weight[j] / sum) : 1f / (k - start);
                }
            }
            offset[out] = k;
        }

        /**
         * Each output's weights padded to {@code pad} taps (at least {@link #maxTaps}): weight 0 on
         * the taps an output does not have, which read its first pixel ({@link #paddedIndices}).
         */
        float[] paddedWeights(int pad) {
            float[] taps = new float[pad * first.length];
            for (int o = 0; o < first.length; o++) {
                for (int t = 0, k = offset[o]; t < pad && k < offset[o + 1]; t++, k++) {
                    taps[pad * o + t] = weight[k];
                }
            }
            return taps;
        }

        /** The source index of each padded tap ({@link #paddedWeights}). */
        int[] paddedIndices(int pad) {
            int[] idx = new int[pad * first.length];
            for (int o = 0; o < first.length; o++) {
                for (int t = 0; t < pad; t++) {
                    idx[pad * o + t] = first[o] + (offset[o] + t < offset[o + 1] ? t : 0);
                }
            }
            return idx;
        }

        int maxTaps() {
            int max = 0;
            for (int o = 0; o + 1 < offset.length; o++) {
                max = Math.max(max, offset[o + 1] - offset[o]);
            }
            return max;
        }
    }
}
