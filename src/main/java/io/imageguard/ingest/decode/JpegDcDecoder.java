package io.imageguard.ingest.decode;

import io.imageguard.ingest.decode.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decodes a JPEG at 1/8 scale from the DC coefficients alone: each output pixel is the mean of one
 * 8x8 block of the full-size image (the DC coefficient of a block is 8 times its mean), so no
 * inverse DCT runs. The cost is the entropy decoding: baseline scans must still Huffman-decode
 * their AC coefficients to skip them, progressive AC scans are skipped without decoding.
 *
 * <p>Sequential JPEGs also decode at 1/4 and 1/2 scale ({@link #decode(byte[], long, int)}), as
 * libjpeg's scaled decoding does: the 2x2 (4x4) lowest-frequency coefficients of each block are
 * kept and dequantized, the rest skipped as above, and a reduced inverse DCT gives each output
 * sample the exact mean over its 4x4 (2x2) pixels of those low frequencies (libjpeg's reduced IDCT
 * without the box filter's response would be slightly sharper); only what the dropped frequencies
 * contribute to that mean is lost. At 3/8, 5/8, 6/8 and 7/8 ({@link #decodeScaled}) the N x N
 * lowest frequencies go through an N-point inverse DCT as in libjpeg (no box filter). Progressive
 * JPEGs at any of those scales are refused (their AC bands and refinement scans would need a
 * coefficient buffer); callers fall back to a full decoder.
 *
 * <p>Reads baseline (SOF0), extended sequential (SOF1) and progressive (SOF2) 8-bit Huffman JPEGs
 * with one (grayscale) or three components (YCbCr, or RGB when an Adobe APP14 segment says
 * transform 0 or the component ids are 'R','G','B'), any sampling factors 1..4, restart intervals.
 * Refuses with {@link Reason#UNSUPPORTED}: 4-component CMYK/YCCK (the Adobe inversion conventions
 * need real files to test against, and ImageIO cannot read them either), 12-bit, arithmetic coding,
 * lossless and hierarchical modes, DNL heights.
 *
 * <p>Safe on hostile input: the pixel limit is checked from the frame header before anything is
 * allocated; every length is bounds-checked; a scan's work is bounded by the blocks of the
 * (limited) frame, and as each block takes at least one bit of real data, the number of scans is
 * bounded by the data size; skipped AC scans cost one pass over their bytes. Any malformation
 * throws {@link ImageDecodeException}, never another exception. Entropy data that runs into a
 * marker or the end of data before its last block is refused as {@link Reason#TRUNCATED} or {@link
 * Reason#CORRUPT}, not padded. A progressive file that ends after all its DC scans but before its
 * DC refinement scans decodes with the precision it has.
 *
 * <p>At 1/8, luma is exact up to rounding. Subsampled chroma is known only per chroma block from
 * its DC (a 4:2:0 chroma block covers 2x2 output pixels) and is interpolated linearly between block
 * centres, so colour detail finer than 16 pixels is lost; at the other scales, likewise between the
 * reduced chroma samples. Embedded ICC profiles are ignored. Stateless and thread-safe.
 */
public final class JpegDcDecoder {

    /** Facts from the frame header, read without decoding. */
    public record Header(int width, int height, int components, boolean progressive) {}

    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Rows of 2 and 4 equal samples stored at once (byte order irrelevant). */
    private static final VarHandle SHORTS =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private static final VarHandle INTS =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int LOOKAHEAD = 9;

    /** Most bits one Huffman symbol plus its extra bits can take (16-bit code, 11-bit DC size). */
    private static final int MAX_SYMBOL_BITS = 27;

    /** Lookahead of the multi-symbol AC skipping table. */
    private static final int AC_RUN_BITS = 12;

    /** Lookahead of the one-symbol AC table that also holds the coefficient's value. */
    private static final int AC_VALUE_BITS = 11;

    /** Scans with fewer blocks skip AC one symbol at a time: the table would not pay off. */
    private static final int AC_RUN_MIN_BLOCKS = 1024;

    private JpegDcDecoder() {}

    /** Reads the frame header (size, components, progressive) without decoding the image. */
    public static Header readHeader(byte[] data) throws ImageDecodeException {
        Decoder d = new Decoder(data, Long.MAX_VALUE, 1);
        d.run(true);
        return new Header(d.width, d.height, d.comps.length, d.progressive);
    }

    /**
     * Decodes at 1/8 scale: the result is TYPE_INT_RGB of ceil(width/8) x ceil(height/8).
     *
     * @param maxPixels refuse (before allocating) frames whose width*height exceeds this
     */
    public static BufferedImage decode(byte[] data, long maxPixels) throws ImageDecodeException {
        Decoder d = new Decoder(data, maxPixels, 1);
        d.run(false);
        return d.toImage();
    }

    /**
     * Decodes at 1/{@code denominator} scale, {@code denominator} one of 8, 4, 2: the result is
     * TYPE_INT_RGB of ceil(width/denominator) x ceil(height/denominator). At 8 this is {@link
     * #decode(byte[], long)}; at 4 and 2 it keeps the 2x2 (4x4) lowest-frequency coefficients of
     * each block and runs a reduced inverse DCT, as libjpeg's scaled decoding does. Progressive
     * JPEGs are decoded only at 1/8: at 4 and 2 they are refused as {@link Reason#UNSUPPORTED}.
     *
     * @param maxPixels refuse (before allocating) frames whose width*height exceeds this
     */
    public static BufferedImage decode(byte[] data, long maxPixels, int denominator)
            throws ImageDecodeException {
        if (denominator != 8 && denominator != 4 && denominator != 2) {
            throw new IllegalArgumentException("denominator " + denominator);
        }
        return decodeScaled(data, maxPixels, 8 / denominator);
    }

    /**
     * Decodes at {@code eighths}/8 scale, 1 to 7: the result is TYPE_INT_RGB of ceil(width *
     * eighths / 8) x ceil(height * eighths / 8). 1, 2 and 4 are {@link #decode(byte[], long, int)}
     * at 8, 4 and 2; at 3, 5, 6 and 7 each block's {@code eighths} x {@code eighths}
     * lowest-frequency coefficients go through an inverse DCT of that size, as libjpeg's scaled
     * IDCTs do ({@link #idctN}). Progressive JPEGs are decoded only at 1/8: above it they are
     * refused as {@link Reason#UNSUPPORTED}.
     *
     * @param maxPixels refuse (before allocating) frames whose width*height exceeds this
     */
    public static BufferedImage decodeScaled(byte[] data, long maxPixels, int eighths)
            throws ImageDecodeException {
        if (eighths < 1 || eighths > 7) {
            throw new IllegalArgumentException("eighths " + eighths);
        }
        Decoder d = new Decoder(data, maxPixels, eighths);
        d.run(false);
        return d.toImage();
    }

    /**
     * A JPEG's samples before colour conversion: luma at the scale it was decoded at ({@code width
     * × height}, row stride {@code lumaStride}) and, for colour files, Cb and Cr as block means
     * (1/8 of their own, possibly subsampled, resolution), {@code chromaWidth × chromaHeight}
     * samples with row stride {@code chromaStride}, each spanning {@code 1 / chromaPerLumaX} luma
     * samples across ({@code chromaPerLumaY} down). Grey files have no chroma ({@code cb} and
     * {@code cr} null).
     */
    public record Planes(
            int width,
            int height,
            byte[] luma,
            int lumaStride,
            byte[] cb,
            byte[] cr,
            int chromaWidth,
            int chromaHeight,
            int chromaStride,
            double chromaPerLumaX,
            double chromaPerLumaY) {}

    /**
     * Decodes luma at {@code eighths}/8 scale, as {@link #decodeScaled}, and chroma from its DC
     * coefficients alone, and stops before upsampling and colour conversion: for a caller that
     * wants luma and chroma apart (the hashes read luma at full resolution and colour only as means
     * over a view's 3×3 cells, which block means serve as well, without a chroma IDCT). {@code
     * null} for files whose planes are not luma and chroma: RGB-coded files, and those whose first
     * component is subsampled or whose chroma components differ in sampling.
     */
    public static Planes decodePlanes(byte[] data, long maxPixels, int eighths)
            throws ImageDecodeException {
        if (eighths < 1 || eighths > 7) {
            throw new IllegalArgumentException("eighths " + eighths);
        }
        // The frame header tells whether there are planes to give: no full decode to throw away.
        Decoder header = new Decoder(data, maxPixels, eighths);
        header.run(true);
        if (!header.hasPlanes()) {
            return null;
        }
        Decoder d = new Decoder(data, maxPixels, eighths, true);
        d.run(false);
        return d.toPlanes();
    }

    /**
     * The components' samples at {@code eighths}/8, 2 to 7, before upsampling and colour
     * conversion: per component, rows of (MCU-padded blocks per line) x eighths samples. For tests
     * that hold the block transforms to a reference.
     */
    static byte[][] samplePlanes(byte[] data, long maxPixels, int eighths)
            throws ImageDecodeException {
        if (eighths < 2 || eighths > 7) {
            throw new IllegalArgumentException("eighths " + eighths);
        }
        Decoder d = new Decoder(data, maxPixels, eighths);
        d.run(false);
        byte[][] planes = new byte[d.comps.length][];
        for (int i = 0; i < planes.length; i++) {
            planes[i] = d.comps[i].pix;
        }
        return planes;
    }

    /**
     * Parses and entropy-decodes the image but builds no pixels: the floor of {@link #decode}, for
     * benchmarks. Returns the number of 8x8 blocks whose DC coefficient was decoded.
     */
    public static long decodeEntropyOnly(byte[] data, long maxPixels) throws ImageDecodeException {
        Decoder d = new Decoder(data, maxPixels, 1);
        d.run(false);
        return d.blocksDecoded;
    }

    private static final class Component {
        final int id;
        final int h;
        final int v;
        final int tq;

        /** Blocks per line and lines allocated: the MCU-padded extent. */
        int bw;

        int bh;

        /** Blocks that cover the component's own samples: the extent of a non-interleaved scan. */
        int bwScan;

        int bhScan;
        int[] dc;

        /** Reduced scales: samples at `side` per block side, clamped, row stride bw * side. */
        byte[] pix;

        /** Decoded from its DCs alone at any scale ({@link #decodePlanes}' chroma): {@link #dc}. */
        boolean dcOnly;

        int pred;
        int dcTable;
        int acTable;

        /** Lowest DC bit decoded so far (successive approximation); 99 until a DC scan ran. */
        int dcBitsFrom = 99;

        Component(int id, int h, int v, int tq) {
            this.id = id;
            this.h = h;
            this.v = v;
            this.tq = tq;
        }
    }

    /** A Huffman table with a 9-bit lookahead and the canonical slow path for longer codes. */
    private static final class Huffman {
        /** Code length | symbol << 8, or 0 when the code is longer than LOOKAHEAD. */
        final int[] lut = new int[1 << LOOKAHEAD];

        /**
         * AC skipping, several symbols per lookup: indexed by the next {@value #AC_RUN_BITS} bits,
         * each entry covers the longest run of whole symbols (code and extra bits) that fit in
         * them, stopping after an end-of-block: bits used | index advance << 8 | EOB << 16; 0 when
         * not even one symbol fits (the slow path then decodes it).
         */
        int[] acRun;

        /**
         * AC decoding at reduced scales, one coefficient per lookup: indexed by the next {@value
         * #AC_VALUE_BITS} bits, for a non-zero coefficient whose code and extra bits fit in them:
         * bits used | run << 8 | value << 16 (signed); 0 otherwise (end of block, a run of 16,
         * longer codes: the symbol path decodes those).
         */
        int[] acValue;

        final int[] maxCode = new int[17];
        final int[] minCode = new int[17];
        final int[] valPtr = new int[17];
        final byte[] symbols;

        Huffman(int[] counts, byte[] symbols) throws ImageDecodeException {
            this.symbols = symbols;
            int code = 0;
            int k = 0;
            for (int len = 1; len <= 16; len++) {
                valPtr[len] = k;
                minCode[len] = code;
                for (int i = 0; i < counts[len]; i++) {
                    if (code >= 1 << len) {
                        throw new ImageDecodeException(Reason.CORRUPT, "Huffman table overfull");
                    }
                    if (len <= LOOKAHEAD) {
                        int sym = symbols[k] & 0xFF;
                        int shift = LOOKAHEAD - len;
                        for (int j = 0; j < 1 << shift; j++) {
                            lut[(code << shift) | j] = len | sym << 8;
                        }
                    }
                    code++;
                    k++;
                }
                maxCode[len] = counts[len] == 0 ? -1 : code - 1;
                code <<= 1;
            }
        }

        /** Builds {@link #acValue} on first use as an AC table of a reduced sequential scan. */
        void ensureAcValues() {
            if (acValue != null) {
                return;
            }
            int[] table = new int[1 << AC_VALUE_BITS];
            for (int len = 1; len < AC_VALUE_BITS; len++) {
                for (int i = 0; i <= maxCode[len] - minCode[len]; i++) {
                    int sym = symbols[valPtr[len] + i] & 0xFF;
                    int size = sym & 15;
                    if (size == 0 || size > 10 || len + size > AC_VALUE_BITS) {
                        continue;
                    }
                    int prefix = (minCode[len] + i) << size;
                    int shift = AC_VALUE_BITS - len - size;
                    for (int extra = 0; extra < 1 << size; extra++) {
                        int value = extra < 1 << (size - 1) ? extra + (-1 << size) + 1 : extra;
                        int e = (len + size) | (sym >> 4) << 8 | value << 16;
                        int first = (prefix | extra) << shift;
                        for (int j = 0; j < 1 << shift; j++) {
                            table[first | j] = e;
                        }
                    }
                }
            }
            acValue = table;
        }

        /** Builds {@link #acRun} on first use as an AC table of a sequential scan. */
        void ensureAcRuns() {
            if (acRun != null) {
                return;
            }
            acRun = new int[1 << AC_RUN_BITS];
            // One-symbol table over AC_RUN_BITS first: code length | symbol << 8.
            int[] one = new int[1 << AC_RUN_BITS];
            for (int len = 1; len <= AC_RUN_BITS; len++) {
                int shift = AC_RUN_BITS - len;
                for (int i = 0; i <= maxCode[len] - minCode[len]; i++) {
                    int first = (minCode[len] + i) << shift;
                    for (int j = 0; j < 1 << shift; j++) {
                        one[first | j] = len | (symbols[valPtr[len] + i] & 0xFF) << 8;
                    }
                }
            }
            for (int index = 0; index < acRun.length; index++) {
                int used = 0;
                int advance = 0;
                int eob = 0;
                while (used < AC_RUN_BITS) {
                    int e = one[(index << used) & (acRun.length - 1)];
                    int len = e & 0xFF;
                    int sym = e >>> 8;
                    int s = sym & 15;
                    // Zero bits shifted in must not complete a code; sizes > 10 are invalid.
                    if (e == 0 || used + len + s > AC_RUN_BITS || s > 10) {
                        break;
                    }
                    if (s == 0 && sym != 0xF0) {
                        used += len;
                        eob = 1;
                        break;
                    }
                    used += len + s;
                    advance += s != 0 ? (sym >> 4) + 1 : 16;
                }
                acRun[index] = used == 0 ? 0 : used | advance << 8 | eob << 16;
            }
        }
    }

    /**
     * One component at output resolution, a row at a time: a full-resolution component's samples
     * are read where they are; a subsampled one is interpolated into one row buffer from the taps
     * (horizontally per source row, each source row once while consecutive output rows share it,
     * then blended vertically: the same integer sums as per pixel).
     */
    private static final class PlaneRows {
        final byte[] samples;
        final int stride;

        /** The interpolated row, null for a full-resolution component. */
        final byte[] row;

        /** Where {@link #row(int)}'s row starts in the array it returned. */
        int offset;

        /** Interpolation taps. */
        final int[] x0;

        final int[] x1;
        final int[] wx;
        final int[] y0;
        final int[] y1;
        final int[] wy;

        /** Horizontally interpolated source rows (x 256) and which rows they are. */
        int[] top;

        int[] bottom;
        int topRow = -1;
        int bottomRow = -1;

        PlaneRows(byte[] samples, int stride) {
            this.samples = samples;
            this.stride = stride;
            row = null;
            x0 = x1 = wx = y0 = y1 = wy = null;
        }

        PlaneRows(byte[] samples, int stride, int outW, int outH) {
            this.samples = samples;
            this.stride = stride;
            this.row = new byte[outW];
            x0 = new int[outW];
            x1 = new int[outW];
            wx = new int[outW];
            y0 = new int[outH];
            y1 = new int[outH];
            wy = new int[outH];
            top = new int[outW];
            bottom = new int[outW];
        }

        /** The array holding output row y from {@link #offset}; valid until the next call. */
        byte[] row(int y) {
            if (row == null) {
                offset = y * stride;
                return samples;
            }
            if (y0[y] != topRow) {
                if (y0[y] == bottomRow) {
                    int[] t = top;
                    top = bottom;
                    bottom = t;
                    topRow = bottomRow;
                    bottomRow = -1;
                } else {
                    topRow = y0[y];
                    interpolate(topRow * stride, top);
                }
            }
            if (y1[y] != bottomRow) {
                bottomRow = y1[y];
                interpolate(bottomRow * stride, bottom);
            }
            int fy = wy[y];
            int[] t = top;
            int[] b = bottom;
            byte[] out = row;
            for (int x = 0; x < out.length; x++) {
                out[x] = (byte) ((t[x] * (256 - fy) + b[x] * fy + (1 << 15)) >> 16);
            }
            offset = 0;
            return out;
        }

        private void interpolate(int rowStart, int[] out) {
            byte[] s = samples;
            for (int x = 0; x < out.length; x++) {
                int fx = wx[x];
                out[x] =
                        (s[rowStart + x0[x]] & 0xFF) * (256 - fx)
                                + (s[rowStart + x1[x]] & 0xFF) * fx;
            }
        }
    }

    private static final class Decoder {
        final byte[] data;
        final long maxPixels;
        int pos;

        int width;
        int height;
        boolean progressive;
        Component[] comps;
        int hMax;
        int vMax;
        int mcusX;
        int mcusY;
        final int[][] quant = new int[4][64];
        final boolean[] quantSet = new boolean[4];
        final Huffman[] dcTables = new Huffman[4];
        final Huffman[] acTables = new Huffman[4];
        int restartInterval;
        int adobeTransform = -1;
        boolean jfif;
        long blocksDecoded;

        // Bit reader: the low `bits` bits of `buf` are unread; past a marker or the end of data
        // zeros are fed and counted in `padBits` so over-reading is detected.
        long buf;
        int bits;
        int padBits;
        boolean atMarker;

        /** Output samples per block side: 1 (DC only), 2 to 7. */
        final int side;

        /** Sides 3, 5, 6, 7: the N x N inverse DCT in double ({@link #idctN}). */
        final boolean nPoint;

        final int[] zigzagSlot;
        final int lastKeptZigzag;

        /** log2(side): slot >> rowShift is the slot's row (sides 2 and 4). */
        final int rowShift;

        final float[] coef = new float[16];

        /** Sides 3, 5, 6, 7: the block's non-zero kept AC coefficients, dequantized, by slot. */
        final int[] nzSlots;

        final double[] nzValues;

        /** Sides 3, 5, 6, 7: the samples being summed. */
        final double[] sumsN;

        /** Whether chroma components are decoded from their DCs alone, whatever the scale. */
        final boolean chromaDcOnly;

        Decoder(byte[] data, long maxPixels, int side) {
            this(data, maxPixels, side, false);
        }

        Decoder(byte[] data, long maxPixels, int side, boolean chromaDcOnly) {
            this.data = data;
            this.maxPixels = maxPixels;
            this.side = side;
            this.chromaDcOnly = chromaDcOnly;
            this.nPoint = side != 1 && side != 2 && side != 4;
            this.zigzagSlot = side == 4 ? SLOT4 : side <= 2 ? SLOT2 : slots(side);
            this.lastKeptZigzag = side == 1 ? 0 : lastKept(zigzagSlot);
            this.rowShift = side == 4 ? 2 : 1;
            this.nzSlots = nPoint ? new int[side * side] : null;
            this.nzValues = nPoint ? new double[side * side] : null;
            this.sumsN = nPoint ? new double[side * side] : null;
        }

        void run(boolean headerOnly) throws ImageDecodeException {
            if (data.length < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != 0xD8) {
                throw new ImageDecodeException(Reason.UNKNOWN_FORMAT, "no JPEG SOI marker");
            }
            pos = 2;
            while (true) {
                int marker = nextMarker();
                if (marker < 0) {
                    finishAtEnd();
                    return;
                }
                if (marker == 0xD9) { // EOI
                    finishAtEnd();
                    return;
                }
                if (marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                    continue; // stray RSTn or TEM: no payload
                }
                int len = segmentLength();
                int segEnd = pos + len - 2;
                switch (marker) {
                    case 0xC0, 0xC1, 0xC2 -> {
                        readFrame(marker == 0xC2, len);
                        if (headerOnly) {
                            return;
                        }
                    }
                    case 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF ->
                            throw new ImageDecodeException(
                                    Reason.UNSUPPORTED,
                                    String.format("JPEG process SOF%d", marker - 0xC0));
                    case 0xC4 -> readHuffmanTables(segEnd);
                    case 0xDB -> readQuantTables(segEnd);
                    case 0xDD -> {
                        if (len != 4) {
                            throw corrupt("DRI length " + len);
                        }
                        restartInterval = u16(pos);
                    }
                    case 0xDA -> {
                        if (comps == null) {
                            throw corrupt("scan before frame header");
                        }
                        pos = readScan(len);
                        if (allDcDecoded()) {
                            return; // the remaining AC scans and EOI cannot change the DCs
                        }
                        continue;
                    }
                    case 0xE0 -> jfif |= len >= 7 && ascii(pos, "JFIF");
                    case 0xEE -> {
                        if (len >= 14 && ascii(pos, "Adobe")) {
                            adobeTransform = data[pos + 11] & 0xFF;
                        }
                    }
                    case 0xD8 -> throw corrupt("second SOI marker");
                    case 0xDC -> throw corrupt("DNL marker outside a scan");
                    default -> {
                        // APPn, COM and others: skipped by their length.
                    }
                }
                pos = segEnd;
            }
        }

        /** End of data or EOI: fine once every component has its DCs, else the file is cut. */
        private void finishAtEnd() throws ImageDecodeException {
            if (comps == null) {
                throw new ImageDecodeException(Reason.TRUNCATED, "no frame header");
            }
            for (Component c : comps) {
                if (c.dcBitsFrom == 99) {
                    throw new ImageDecodeException(
                            Reason.TRUNCATED, "no scan for component " + c.id);
                }
            }
        }

        private boolean allDcDecoded() {
            for (Component c : comps) {
                if (c.dcBitsFrom != 0) {
                    return false;
                }
            }
            return true;
        }

        /** Returns the next marker code with pos after it, or -1 at the end of data. */
        private int nextMarker() {
            // Tolerates stray bytes and 0xFF fill before a marker, as libjpeg does.
            while (pos + 1 < data.length) {
                if ((data[pos] & 0xFF) == 0xFF) {
                    int m = data[pos + 1] & 0xFF;
                    if (m != 0xFF && m != 0x00) {
                        pos += 2;
                        return m;
                    }
                }
                pos++;
            }
            return -1;
        }

        private int segmentLength() throws ImageDecodeException {
            if (pos + 2 > data.length) {
                throw new ImageDecodeException(Reason.TRUNCATED, "segment length cut off");
            }
            int len = u16(pos);
            if (len < 2 || pos + len > data.length) {
                throw new ImageDecodeException(
                        len < 2 ? Reason.CORRUPT : Reason.TRUNCATED,
                        "segment length " + len + " at offset " + pos);
            }
            pos += 2;
            return len;
        }

        private void readFrame(boolean progressive, int len) throws ImageDecodeException {
            if (comps != null) {
                throw corrupt("second frame header");
            }
            if (len < 8) {
                throw corrupt("SOF length " + len);
            }
            int precision = data[pos] & 0xFF;
            height = u16(pos + 1);
            width = u16(pos + 3);
            int n = data[pos + 5] & 0xFF;
            if (len != 8 + 3 * n) {
                throw corrupt("SOF length " + len + " for " + n + " components");
            }
            if (precision != 8) {
                throw new ImageDecodeException(Reason.UNSUPPORTED, precision + "-bit samples");
            }
            if (height == 0) {
                throw new ImageDecodeException(Reason.UNSUPPORTED, "height defined by DNL");
            }
            if (width == 0) {
                throw corrupt("zero width");
            }
            if ((long) width * height > maxPixels) {
                throw new ImageDecodeException(
                        Reason.TOO_MANY_PIXELS,
                        width + "x" + height + " exceeds the limit of " + maxPixels + " pixels");
            }
            if (n == 4) {
                throw new ImageDecodeException(Reason.UNSUPPORTED, "4-component (CMYK/YCCK) JPEG");
            }
            if (n != 1 && n != 3) {
                throw new ImageDecodeException(Reason.UNSUPPORTED, n + "-component JPEG");
            }
            if (progressive && side > 1) {
                throw new ImageDecodeException(
                        Reason.UNSUPPORTED, "progressive JPEG at " + side + "/8 scale");
            }
            this.progressive = progressive;
            Component[] cs = new Component[n];
            for (int i = 0; i < n; i++) {
                int p = pos + 6 + 3 * i;
                int id = data[p] & 0xFF;
                int h = (data[p + 1] & 0xFF) >> 4;
                int v = data[p + 1] & 15;
                int tq = data[p + 2] & 0xFF;
                if (h < 1 || h > 4 || v < 1 || v > 4 || tq > 3) {
                    throw corrupt("component " + id + " sampling " + h + "x" + v + " table " + tq);
                }
                for (int j = 0; j < i; j++) {
                    if (cs[j].id == id) {
                        throw corrupt("duplicate component id " + id);
                    }
                }
                cs[i] = new Component(id, h, v, tq);
                hMax = Math.max(hMax, h);
                vMax = Math.max(vMax, v);
            }
            if (n == 1) {
                // A single component is never interleaved: its MCU is one block whatever H, V.
                hMax = cs[0].h;
                vMax = cs[0].v;
            }
            mcusX = ceilDiv(width, 8 * hMax);
            mcusY = ceilDiv(height, 8 * vMax);
            for (Component c : cs) {
                c.bw = mcusX * c.h;
                c.bh = mcusY * c.v;
                c.bwScan = ceilDiv(ceilDiv(width * c.h, hMax), 8);
                c.bhScan = ceilDiv(ceilDiv(height * c.v, vMax), 8);
            }
            comps = cs;
        }

        /** Allocated only when the first scan starts, so header-only reads allocate nothing. */
        private void allocateDcPlanes() {
            for (int i = 0; i < comps.length; i++) {
                Component c = comps[i];
                c.dcOnly = chromaDcOnly && i > 0 && side > 1;
                if (side > 1 && !c.dcOnly && c.pix == null) {
                    // About width*height*side*side/64 bytes per component: bounded by the pixel
                    // limit.
                    c.pix = new byte[c.bw * c.bh * side * side];
                } else if ((side == 1 || c.dcOnly) && c.dc == null) {
                    // About width*height/64 ints per component: bounded by the pixel limit.
                    c.dc = new int[c.bw * c.bh];
                }
            }
        }

        private void readHuffmanTables(int segEnd) throws ImageDecodeException {
            while (pos < segEnd) {
                if (pos + 17 > segEnd) {
                    throw corrupt("DHT segment too short");
                }
                int tc = (data[pos] & 0xFF) >> 4;
                int th = data[pos] & 15;
                if (tc > 1 || th > 3) {
                    throw corrupt("DHT class " + tc + " id " + th);
                }
                int[] counts = new int[17];
                int total = 0;
                for (int i = 1; i <= 16; i++) {
                    counts[i] = data[pos + i] & 0xFF;
                    total += counts[i];
                }
                pos += 17;
                if (total > 256 || pos + total > segEnd) {
                    throw corrupt("DHT with " + total + " symbols");
                }
                byte[] symbols = new byte[total];
                System.arraycopy(data, pos, symbols, 0, total);
                pos += total;
                Huffman table = new Huffman(counts, symbols);
                if (tc == 0) {
                    dcTables[th] = table;
                } else {
                    acTables[th] = table;
                }
            }
        }

        private void readQuantTables(int segEnd) throws ImageDecodeException {
            while (pos < segEnd) {
                int pq = (data[pos] & 0xFF) >> 4;
                int tq = data[pos] & 15;
                int size = pq == 0 ? 64 : 128;
                if (pq > 1 || tq > 3 || pos + 1 + size > segEnd) {
                    throw corrupt("DQT precision " + pq + " id " + tq);
                }
                for (int k = 0; k < 64; k++) {
                    quant[tq][k] = pq == 0 ? data[pos + 1 + k] & 0xFF : u16(pos + 1 + 2 * k);
                }
                quantSet[tq] = true;
                pos += 1 + size;
            }
        }

        /** Reads an SOS header and its entropy-coded data; returns the offset after the data. */
        private int readScan(int len) throws ImageDecodeException {
            if (len < 3) {
                throw corrupt("SOS length " + len);
            }
            int ns = data[pos] & 0xFF;
            if (ns < 1 || ns > 4 || len != 6 + 2 * ns) {
                throw corrupt("SOS length " + len + " for " + ns + " components");
            }
            Component[] scan = new Component[ns];
            int blocksPerMcu = 0;
            for (int i = 0; i < ns; i++) {
                int id = data[pos + 1 + 2 * i] & 0xFF;
                int tables = data[pos + 2 + 2 * i] & 0xFF;
                Component c = null;
                for (Component k : comps) {
                    if (k.id == id) {
                        c = k;
                    }
                }
                for (int j = 0; j < i; j++) {
                    if (scan[j] == c) {
                        throw corrupt("component " + id + " twice in a scan");
                    }
                }
                if (c == null || tables >> 4 > 3 || (tables & 15) > 3) {
                    throw corrupt("scan component " + id + " tables " + tables);
                }
                c.dcTable = tables >> 4;
                c.acTable = tables & 15;
                scan[i] = c;
                blocksPerMcu += c.h * c.v;
            }
            int p = pos + 1 + 2 * ns;
            int ss = data[p] & 0xFF;
            int se = data[p + 1] & 0xFF;
            int ah = (data[p + 2] & 0xFF) >> 4;
            int al = data[p + 2] & 15;
            pos += len - 2;
            if (ns > 1 && blocksPerMcu > 10) {
                throw corrupt(blocksPerMcu + " blocks per MCU");
            }
            if (progressive && ss != 0) {
                if (ns != 1) {
                    throw corrupt("interleaved progressive AC scan");
                }
                return skipEntropyData();
            }
            if (progressive && (se != 0 || al > 13)) {
                throw corrupt("progressive DC scan Se=" + se + " Al=" + al);
            }
            for (Component c : scan) {
                if (!progressive || ah == 0) {
                    if (dcTables[c.dcTable] == null) {
                        throw corrupt("missing DC Huffman table " + c.dcTable);
                    }
                } else if (c.dcBitsFrom != ah) {
                    throw corrupt("DC refinement out of order");
                }
                if (side > 1 && !quantSet[c.tq]) {
                    throw corrupt("missing quantization table " + c.tq);
                }
                if (!progressive) {
                    if (acTables[c.acTable] == null) {
                        throw corrupt("missing AC Huffman table " + c.acTable);
                    }
                    if (scanBlocks(scan) >= AC_RUN_MIN_BLOCKS) {
                        acTables[c.acTable].ensureAcRuns();
                        if (side > 1) {
                            acTables[c.acTable].ensureAcValues();
                        }
                    }
                }
            }
            allocateDcPlanes();
            decodeScan(scan, progressive ? ah : 0, progressive ? al : 0, !progressive);
            for (Component c : scan) {
                c.dcBitsFrom = Math.min(c.dcBitsFrom, progressive ? al : 0);
            }
            return pos;
        }

        private long scanBlocks(Component[] scan) {
            if (scan.length == 1) {
                return (long) scan[0].bwScan * scan[0].bhScan;
            }
            long n = 0;
            for (Component c : scan) {
                n += (long) c.bw * c.bh;
            }
            return n;
        }

        /** Skips entropy-coded data without decoding it: up to the next non-RST marker. */
        private int skipEntropyData() {
            int p = pos;
            int end = data.length - 1;
            while (p < end) {
                if (data[p] == (byte) 0xFF) {
                    int m = data[p + 1] & 0xFF;
                    if (m != 0 && (m < 0xD0 || m > 0xD7) && m != 0xFF) {
                        return p;
                    }
                }
                p++;
            }
            return data.length;
        }

        private void decodeScan(Component[] scan, int ah, int al, boolean skipAc)
                throws ImageDecodeException {
            resetEntropy(scan);
            int restartsLeft = restartInterval;
            if (scan.length == 1) {
                Component c = scan[0];
                Huffman dcT = dcTables[c.dcTable];
                Huffman acT = acTables[c.acTable];
                for (int by = 0; by < c.bhScan; by++) {
                    for (int bx = 0; bx < c.bwScan; bx++) {
                        if (restartInterval != 0) {
                            if (restartsLeft == 0) {
                                restart(scan);
                                restartsLeft = restartInterval;
                            }
                            restartsLeft--;
                        }
                        decodeBlock(c, by * c.bw + bx, by, dcT, acT, ah, al, skipAc);
                        checkNotOverread();
                    }
                }
                blocksDecoded += (long) c.bwScan * c.bhScan;
            } else {
                for (int my = 0; my < mcusY; my++) {
                    for (int mx = 0; mx < mcusX; mx++) {
                        if (restartInterval != 0) {
                            if (restartsLeft == 0) {
                                restart(scan);
                                restartsLeft = restartInterval;
                            }
                            restartsLeft--;
                        }
                        for (Component c : scan) {
                            Huffman dcT = dcTables[c.dcTable];
                            Huffman acT = acTables[c.acTable];
                            for (int v = 0; v < c.v; v++) {
                                int row = (my * c.v + v) * c.bw + mx * c.h;
                                for (int h = 0; h < c.h; h++) {
                                    decodeBlock(c, row + h, my * c.v + v, dcT, acT, ah, al, skipAc);
                                }
                            }
                        }
                        checkNotOverread();
                    }
                }
                for (Component c : scan) {
                    blocksDecoded += (long) c.bw * c.bh;
                }
            }
            // Leave pos at the marker that ends the scan: drop the bytes read ahead.
            if (!atMarker) {
                pos -= (bits - padBits) >> 3;
            }
        }

        /** Block {@code index} of the component, in its block row {@code by}. */
        private void decodeBlock(
                Component c,
                int index,
                int by,
                Huffman dcT,
                Huffman acT,
                int ah,
                int al,
                boolean skipAc)
                throws ImageDecodeException {
            if (nPoint && !c.dcOnly) {
                decodeBlockN(c, index, by, dcT, acT);
                return;
            }
            if (side > 1 && !c.dcOnly) {
                decodeBlockReduced(c, index, by, dcT, acT);
                return;
            }
            if (ah != 0) {
                if (bits < 1) {
                    fill();
                }
                bits--;
                if (((buf >>> bits) & 1) != 0) {
                    c.dc[index] |= 1 << al;
                }
                return;
            }
            if (bits < MAX_SYMBOL_BITS) {
                fill();
            }
            int s = decodeSymbol(dcT);
            if (s > 11) {
                throw corrupt("DC difference of " + s + " bits");
            }
            int diff = 0;
            if (s != 0) {
                bits -= s;
                diff = (int) (buf >>> bits) & ((1 << s) - 1);
                if (diff < 1 << (s - 1)) {
                    diff += (-1 << s) + 1;
                }
            }
            c.pred += diff;
            c.dc[index] = c.pred << al;
            if (skipAc) {
                skipAcCoefficients(acT, 1);
            }
        }

        /**
         * Sequential scans at 1/4 or 1/2: keeps the low-frequency coefficients (dequantized), skips
         * the rest, and writes the block's side x side samples.
         */
        private void decodeBlockReduced(Component c, int index, int by, Huffman dcT, Huffman acT)
                throws ImageDecodeException {
            if (bits < MAX_SYMBOL_BITS) {
                fill();
            }
            int s = decodeSymbol(dcT);
            if (s > 11) {
                throw corrupt("DC difference of " + s + " bits");
            }
            c.pred += extend(s);
            int[] q = quant[c.tq];
            float[] f = coef; // all zero but f[0]: writeSamples clears what it read
            f[0] = (float) c.pred * q[0];
            int acRows = 0; // bit v: row v of the kept block has a non-zero AC coefficient
            int k = 1;
            int[] fast = acT.acValue;
            while (k <= lastKeptZigzag) {
                if (bits < MAX_SYMBOL_BITS) {
                    fill();
                }
                if (fast != null) {
                    int e =
                            fast[
                                    (int) (buf >>> (bits - AC_VALUE_BITS))
                                            & ((1 << AC_VALUE_BITS) - 1)];
                    if (e != 0) {
                        bits -= e & 0xFF;
                        k += e >>> 8 & 0xFF;
                        if (k > 63) {
                            throw corrupt("AC run past the end of a block");
                        }
                        int slot = zigzagSlot[k];
                        if (slot >= 0) {
                            f[slot] = (float) (e >> 16) * q[k];
                            acRows |= 1 << (slot >> rowShift);
                        }
                        k++;
                        continue;
                    }
                }
                int sym = decodeSymbol(acT);
                int size = sym & 15;
                if (size > 10) {
                    throw corrupt("AC coefficient of " + size + " bits");
                }
                if (size == 0) {
                    if (sym != 0xF0) {
                        k = 64; // end of block
                        break;
                    }
                    k += 16;
                    continue;
                }
                k += sym >> 4;
                if (k > 63) {
                    throw corrupt("AC run past the end of a block");
                }
                int v = extend(size);
                int slot = zigzagSlot[k];
                if (slot >= 0) {
                    f[slot] = (float) v * q[k];
                    acRows |= 1 << (slot >> rowShift);
                }
                k++;
            }
            if (k < 64) {
                skipAcCoefficients(acT, k);
            } else if (k > 64) {
                throw corrupt("AC run past the end of a block");
            }
            writeSamples(c, index, by, acRows);
        }

        /**
         * Sequential scans at 3/8, 5/8, 6/8, 7/8: as {@link #decodeBlockReduced}, but the kept
         * non-zero AC coefficients are listed (slot, dequantized value) for {@link #idctN}. A copy
         * rather than a branch per coefficient in the 1/4 and 1/2 loop, which stays as measured.
         */
        private void decodeBlockN(Component c, int index, int by, Huffman dcT, Huffman acT)
                throws ImageDecodeException {
            if (bits < MAX_SYMBOL_BITS) {
                fill();
            }
            int s = decodeSymbol(dcT);
            if (s > 11) {
                throw corrupt("DC difference of " + s + " bits");
            }
            c.pred += extend(s);
            int[] q = quant[c.tq];
            double dc = (double) c.pred * q[0];
            int[] slots = nzSlots;
            double[] values = nzValues;
            int nz = 0;
            int k = 1;
            int[] fast = acT.acValue;
            while (k <= lastKeptZigzag) {
                if (bits < MAX_SYMBOL_BITS) {
                    fill();
                }
                if (fast != null) {
                    int e =
                            fast[
                                    (int) (buf >>> (bits - AC_VALUE_BITS))
                                            & ((1 << AC_VALUE_BITS) - 1)];
                    if (e != 0) {
                        bits -= e & 0xFF;
                        k += e >>> 8 & 0xFF;
                        if (k > 63) {
                            throw corrupt("AC run past the end of a block");
                        }
                        int slot = zigzagSlot[k];
                        if (slot >= 0) {
                            slots[nz] = slot;
                            values[nz++] = (double) (e >> 16) * q[k];
                        }
                        k++;
                        continue;
                    }
                }
                int sym = decodeSymbol(acT);
                int size = sym & 15;
                if (size > 10) {
                    throw corrupt("AC coefficient of " + size + " bits");
                }
                if (size == 0) {
                    if (sym != 0xF0) {
                        k = 64; // end of block
                        break;
                    }
                    k += 16;
                    continue;
                }
                k += sym >> 4;
                if (k > 63) {
                    throw corrupt("AC run past the end of a block");
                }
                int v = extend(size);
                int slot = zigzagSlot[k];
                if (slot >= 0) {
                    slots[nz] = slot;
                    values[nz++] = (double) v * q[k];
                }
                k++;
            }
            if (k < 64) {
                skipAcCoefficients(acT, k);
            } else if (k > 64) {
                throw corrupt("AC run past the end of a block");
            }
            writeSamplesN(c, index, by, dc, nz);
        }

        /** {@link #writeSamples} for sides 3, 5, 6, 7: the DC and the first nz of nzSlots. */
        private void writeSamplesN(Component c, int index, int by, double dc, int nz) {
            int n = side;
            int stride = c.bw * n;
            int bx = index - by * c.bw;
            int base = by * n * stride + bx * n;
            byte[] out = c.pix;
            if (nz == 0) {
                // DC = 8 x the block mean, exactly in double
                byte v = (byte) clamp((int) (dc * 0.125 + 128.5));
                for (int y = 0, o = base; y < n; y++, o += stride) {
                    for (int x = 0; x < n; x++) {
                        out[o + x] = v;
                    }
                }
                return;
            }
            idctN(dc, nzSlots, nzValues, nz, n, sumsN, out, base, stride);
        }

        /** Reads s extra bits as a signed JPEG magnitude (bits already filled). */
        private int extend(int s) {
            if (s == 0) {
                return 0;
            }
            bits -= s;
            int v = (int) (buf >>> bits) & ((1 << s) - 1);
            return v < 1 << (s - 1) ? v + (-1 << s) + 1 : v;
        }

        /**
         * Reduced inverse DCT of {@link #coef} into the component's sample plane; then clears the
         * rows of {@link #coef} that held coefficients, so the next block starts from zeros.
         */
        private void writeSamples(Component c, int index, int by, int acRows) {
            int stride = c.bw * side;
            int bx = index - by * c.bw; // the caller knows the row: no division per block
            int base = by * side * stride + bx * side;
            byte[] out = c.pix;
            float[] f = coef;
            // side is 2 or 4, spelled out: a loop over a field's value would not unroll. f[0] is
            // set anew by every block, so it is never cleared.
            if (acRows == 0) {
                int v = clamp((int) (f[0] * 0.125f + 128.5f));
                if (side == 2) {
                    short row = (short) (v * 0x0101);
                    SHORTS.set(out, base, row);
                    SHORTS.set(out, base + stride, row);
                } else {
                    int row = v * 0x01010101;
                    INTS.set(out, base, row);
                    INTS.set(out, base + stride, row);
                    INTS.set(out, base + 2 * stride, row);
                    INTS.set(out, base + 3 * stride, row);
                }
                return;
            }
            if (side == 2) {
                idct2(f, out, base, stride);
                f[1] = f[2] = f[3] = 0f;
                return;
            }
            idct4(f, acRows, out, base, stride);
            if ((acRows & 1) != 0) {
                f[1] = f[2] = f[3] = 0f;
            }
            if ((acRows & 2) != 0) {
                f[4] = f[5] = f[6] = f[7] = 0f;
            }
            if ((acRows & 4) != 0) {
                f[8] = f[9] = f[10] = f[11] = 0f;
            }
            if ((acRows & 8) != 0) {
                f[12] = f[13] = f[14] = f[15] = 0f;
            }
        }

        /** Returns the next symbol (needs bits >= MAX_SYMBOL_BITS). */
        private int decodeSymbol(Huffman t) throws ImageDecodeException {
            int e = t.lut[(int) (buf >>> (bits - LOOKAHEAD)) & ((1 << LOOKAHEAD) - 1)];
            if (e != 0) {
                bits -= e & 0xFF;
                return e >>> 8;
            }
            // Not in the table: longer than the lookahead (or invalid).
            return slowSymbol(t, LOOKAHEAD + 1);
        }

        private int slowSymbol(Huffman t) throws ImageDecodeException {
            // From length 1: the lookahead tables also send short codes here (AC sizes > 10).
            return slowSymbol(t, 1);
        }

        private int slowSymbol(Huffman t, int minLength) throws ImageDecodeException {
            int code16 = (int) (buf >>> (bits - 16)) & 0xFFFF;
            for (int len = minLength; len <= 16; len++) {
                int code = code16 >>> (16 - len);
                if (code <= t.maxCode[len] && code >= t.minCode[len]) {
                    bits -= len;
                    return t.symbols[t.valPtr[len] + code - t.minCode[len]] & 0xFF;
                }
            }
            throw corrupt("invalid Huffman code");
        }

        /** The hot loop of baseline decoding: walks the AC codes of one block from {@code from}. */
        private void skipAcCoefficients(Huffman t, int from) throws ImageDecodeException {
            int[] runs = t.acRun;
            if (runs == null) {
                skipAcCoefficientsOneByOne(t, from);
                return;
            }
            int k = from;
            while (k < 64) {
                if (bits < MAX_SYMBOL_BITS) {
                    fill();
                }
                int e = runs[(int) (buf >>> (bits - AC_RUN_BITS)) & ((1 << AC_RUN_BITS) - 1)];
                // Usable only while the run stays inside this block: a block that ends at
                // coefficient 63 has no EOB, and the bits after it are the next block's.
                if (e != 0 && k + (e >>> 8 & 0xFF) < 64) {
                    bits -= e & 0xFF;
                    if (e >= 1 << 16) {
                        return;
                    }
                    k += e >>> 8;
                    continue;
                }
                // The run table fails short codes too (extra bits past its lookahead, or a run
                // leaving the block): the one-symbol table still decodes those in one step.
                int sym = decodeSymbol(t);
                int s = sym & 15;
                if (s > 10) {
                    throw corrupt("AC coefficient of " + s + " bits");
                }
                bits -= s;
                if (s == 0 && sym != 0xF0) {
                    return;
                }
                k += s != 0 ? (sym >> 4) + 1 : 16;
            }
            if (k > 64) {
                throw corrupt("AC run past the end of a block");
            }
        }

        /** For small scans, where building the multi-symbol table would cost more than it saves. */
        private void skipAcCoefficientsOneByOne(Huffman t, int from) throws ImageDecodeException {
            for (int k = from; k < 64; ) {
                if (bits < MAX_SYMBOL_BITS) {
                    fill();
                }
                int sym = decodeSymbol(t);
                int s = sym & 15;
                if (s > 10) {
                    throw corrupt("AC coefficient of " + s + " bits");
                }
                bits -= s;
                if (s == 0 && sym != 0xF0) {
                    return;
                }
                k += s != 0 ? (sym >> 4) + 1 : 16;
                if (k > 64) {
                    throw corrupt("AC run past the end of a block");
                }
            }
        }

        private void fill() {
            byte[] d = data;
            if (!atMarker && pos + 8 <= d.length) {
                // Fast path: take as many whole bytes as fit at once when none of them is 0xFF
                // (no stuffing, no marker), checked eight at a time with a SWAR test.
                long word = (long) BIG_ENDIAN_LONG.get(d, pos);
                long inverted = ~word;
                if (((inverted - 0x0101010101010101L) & ~inverted & 0x8080808080808080L) == 0) {
                    int n = (63 - bits) >> 3; // 1..7 bytes: keeps the shift below 64
                    buf = (buf << (n << 3)) | (word >>> (64 - (n << 3)));
                    bits += n << 3;
                    pos += n;
                    return;
                }
            }
            while (bits <= 56) {
                int b = 0;
                if (!atMarker) {
                    if (pos < d.length) {
                        b = d[pos] & 0xFF;
                        if (b != 0xFF) {
                            pos++;
                        } else if (pos + 1 < d.length && d[pos + 1] == 0) {
                            pos += 2;
                        } else {
                            atMarker = true;
                            b = 0;
                        }
                    } else {
                        atMarker = true;
                    }
                }
                if (atMarker) {
                    padBits += 8;
                }
                buf = (buf << 8) | b;
                bits += 8;
            }
        }

        /** Bits consumed from the zero padding mean the data ended inside the scan. */
        private void checkNotOverread() throws ImageDecodeException {
            if (padBits > bits) {
                if (pos >= data.length) {
                    throw new ImageDecodeException(Reason.TRUNCATED, "data ends inside a scan");
                }
                throw corrupt("entropy-coded data runs into a marker at offset " + pos);
            }
        }

        private void resetEntropy(Component[] scan) {
            buf = 0;
            bits = 0;
            padBits = 0;
            atMarker = false;
            for (Component c : scan) {
                c.pred = 0;
            }
        }

        private void restart(Component[] scan) throws ImageDecodeException {
            if (!atMarker) {
                pos -= (bits - padBits) >> 3; // unread the whole bytes read ahead
            }
            if (pos + 1 >= data.length) {
                throw new ImageDecodeException(Reason.TRUNCATED, "data ends before RST marker");
            }
            int m = data[pos + 1] & 0xFF;
            if ((data[pos] & 0xFF) != 0xFF || m < 0xD0 || m > 0xD7) {
                throw corrupt("expected RST marker at offset " + pos);
            }
            pos += 2;
            resetEntropy(scan);
        }

        /**
         * Colour-converts row by row from the component planes, so no full-size intermediate plane
         * is built: each component's row is read from its samples or interpolated into a buffer.
         */
        BufferedImage toImage() throws ImageDecodeException {
            int outW = ceilDiv(width * side, 8);
            int outH = ceilDiv(height * side, 8);
            PlaneRows[] planes = new PlaneRows[comps.length];
            for (int i = 0; i < comps.length; i++) {
                Component c = comps[i];
                if (!quantSet[c.tq]) {
                    throw corrupt("missing quantization table " + c.tq);
                }
                planes[i] = planeRows(c, outW, outH);
            }
            BufferedImage img = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
            int[] out = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
            boolean rgb = comps.length == 3 && isRgb();
            for (int y = 0, o = 0; y < outH; y++, o += outW) {
                if (comps.length == 1) {
                    byte[] g = planes[0].row(y);
                    for (int x = 0, i = planes[0].offset; x < outW; x++) {
                        out[o + x] = (g[i + x] & 0xFF) * 0x010101;
                    }
                    continue;
                }
                byte[] p0 = planes[0].row(y);
                byte[] p1 = planes[1].row(y);
                byte[] p2 = planes[2].row(y);
                int i0 = planes[0].offset;
                int i1 = planes[1].offset;
                int i2 = planes[2].offset;
                if (rgb) {
                    for (int x = 0; x < outW; x++) {
                        out[o + x] =
                                (p0[i0 + x] & 0xFF) << 16
                                        | (p1[i1 + x] & 0xFF) << 8
                                        | p2[i2 + x] & 0xFF;
                    }
                } else {
                    int[] crR = CR_R;
                    int[] cbB = CB_B;
                    int[] cbG = CB_G;
                    int[] crG = CR_G;
                    int[] clamp = CLAMP;
                    for (int x = 0; x < outW; x++) {
                        int luma = (p0[i0 + x] & 0xFF) + CLAMP_OFFSET;
                        int cb = p1[i1 + x] & 0xFF;
                        int cr = p2[i2 + x] & 0xFF;
                        out[o + x] =
                                clamp[luma + crR[cr]] << 16
                                        | clamp[luma + ((cbG[cb] + crG[cr]) >> 16)] << 8
                                        | clamp[luma + cbB[cb]];
                    }
                }
            }
            return img;
        }

        Planes toPlanes() throws ImageDecodeException {
            for (Component c : comps) {
                if (!quantSet[c.tq]) {
                    throw corrupt("missing quantization table " + c.tq);
                }
            }
            if (!hasPlanes()) {
                return null;
            }
            Component luma = comps[0];
            int outW = ceilDiv(width * side, 8);
            int outH = ceilDiv(height * side, 8);
            int lumaStride = luma.bw * side;
            if (comps.length == 1) {
                return new Planes(outW, outH, samples(luma), lumaStride, null, null, 0, 0, 0, 1, 1);
            }
            Component cb = comps[1];
            Component cr = comps[2];
            int chromaSide = cb.dcOnly ? 1 : side;
            return new Planes(
                    outW,
                    outH,
                    samples(luma),
                    lumaStride,
                    samples(cb),
                    samples(cr),
                    ceilDiv(ceilDiv(width * cb.h, hMax) * chromaSide, 8),
                    ceilDiv(ceilDiv(height * cb.v, vMax) * chromaSide, 8),
                    cb.bw * chromaSide,
                    (double) cb.h / hMax * chromaSide / side,
                    (double) cb.v / vMax * chromaSide / side);
        }

        /**
         * Whether the components are luma at full resolution and, for colour, two chroma planes
         * sampled alike (what {@link #toPlanes} gives); known from the frame header on.
         */
        boolean hasPlanes() {
            Component luma = comps[0];
            if (comps.length != 1 && comps.length != 3
                    || comps.length == 3 && isRgb()
                    || luma.h != hMax
                    || luma.v != vMax) {
                return false;
            }
            return comps.length == 1 || comps[1].h == comps[2].h && comps[1].v == comps[2].v;
        }

        private boolean isRgb() {
            if (adobeTransform >= 0) {
                return adobeTransform == 0;
            }
            return !jfif && comps[0].id == 'R' && comps[1].id == 'G' && comps[2].id == 'B';
        }

        /**
         * The component's samples, level-shifted and clamped, at output resolution. At 1/8 they are
         * the block means from the DCs. A subsampled component is interpolated linearly between
         * sample centres (as libjpeg's "fancy" upsampling does per pixel), which estimates each
         * output pixel's chroma far better than replicating the subsampled one.
         */
        private PlaneRows planeRows(Component c, int outW, int outH) {
            byte[] samples = samples(c);
            int stride = c.bw * side;
            if (c.h == hMax && c.v == vMax) {
                // Full resolution: the samples cropped to the image (interpolation would give each
                // sample itself, at zero weight on its neighbours).
                return new PlaneRows(samples, stride);
            }
            // Samples that hold the component's own data (the rest is MCU padding).
            int validW = ceilDiv(ceilDiv(width * c.h, hMax) * side, 8);
            int validH = ceilDiv(ceilDiv(height * c.v, vMax) * side, 8);
            PlaneRows rows = new PlaneRows(samples, stride, outW, outH);
            taps(outW, c.h, hMax, validW, rows.x0, rows.x1, rows.wx);
            taps(outH, c.v, vMax, validH, rows.y0, rows.y1, rows.wy);
            return rows;
        }

        /** The component's samples at output scale, row stride {@code c.bw * side}. */
        private byte[] samples(Component c) {
            if (side != 1 && !c.dcOnly) {
                return c.pix;
            }
            int q = quant[c.tq][0];
            byte[] samples = new byte[c.dc.length];
            for (int i = 0; i < samples.length; i++) {
                // DC = 8 * block mean after dequantization; round half up, then level shift.
                long v = (((long) c.dc[i] * q + 4) >> 3) + 128;
                samples[i] = (byte) Math.max(0, Math.min(255, v));
            }
            return samples;
        }

        /**
         * Linear interpolation taps along one axis: output block i has its centre at (i + 0.5) *
         * factor / max - 0.5 in component blocks; weights in 1/256, clamped to the blocks that hold
         * real samples.
         */
        private static void taps(
                int out, int factor, int max, int blocks, int[] i0, int[] i1, int[] weight) {
            for (int i = 0; i < out; i++) {
                int num = (2 * i + 1) * factor - max; // centre * 2 * max
                int den = 2 * max;
                int lo = Math.floorDiv(num, den);
                int frac = (int) ((long) (num - lo * den) * 256 / den);
                i0[i] = Math.max(0, Math.min(blocks - 1, lo));
                i1[i] = Math.max(0, Math.min(blocks - 1, lo + 1));
                weight[i] = frac;
            }
        }

        private static int clamp(int v) {
            return v < 0 ? 0 : v > 255 ? 255 : v;
        }

        private int u16(int p) {
            return (data[p] & 0xFF) << 8 | (data[p + 1] & 0xFF);
        }

        private boolean ascii(int p, String s) {
            for (int i = 0; i < s.length(); i++) {
                if (data[p + i] != s.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private static ImageDecodeException corrupt(String message) {
            return new ImageDecodeException(Reason.CORRUPT, message);
        }
    }

    /**
     * 4x4 reduced IDCT of the dequantized coefficients {@code f[v * 4 + u]} into {@code out}: each
     * sample is the level-shifted sum, rounded half up and clamped to 0..255. Bit v of {@code
     * acRows} is set when row v holds a non-zero AC coefficient; rows without are not read (row 0
     * then contributes its DC alone). Rows first, then columns, each summed from u (v) = 0 up: the
     * order fixes every float rounding, so the output is the same bytes for the same input.
     * Package-private so that tests can hold it to a reference on many random blocks.
     */
    static void idct4(float[] f, int acRows, byte[] out, int base, int stride) {
        // Row v evaluated at x = 0..3: by symmetry x = 3 - x' flips the sign of odd u. A scratch
        // array per block measured as fast as sixteen locals spelled out.
        float[] r = new float[16];
        for (int v = 0; v < 4; v++) {
            int i = v * 4;
            if ((acRows >> v & 1) == 0) {
                // the zero terms would add nothing: row 0 is its DC alone, the others zero
                float dc = v == 0 ? f[0] * K40 : 0f;
                r[i] = r[i + 1] = r[i + 2] = r[i + 3] = dc;
                continue;
            }
            float f0 = f[i];
            float f1 = f[i + 1];
            float f2 = f[i + 2];
            float f3 = f[i + 3];
            r[i] = f0 * K40 + f1 * K41 + f2 * K42 + f3 * K43;
            r[i + 1] = f0 * K40 + f1 * K45 + f2 * K46 + f3 * K47;
            r[i + 2] = f0 * K40 - f1 * K45 + f2 * K46 - f3 * K47;
            r[i + 3] = f0 * K40 - f1 * K41 + f2 * K42 - f3 * K43;
        }
        for (int x = 0; x < 4; x++) {
            column4(out, base + x, stride, r[x], r[4 + x], r[8 + x], r[12 + x]);
        }
    }

    /** One column of {@link #idct4}: the row values at x, summed over v for y = 0..3. */
    private static void column4(
            byte[] out, int o, int stride, float r0, float r1, float r2, float r3) {
        // Level shift, and rounding by truncation (negative sums clamp to 0 anyway).
        float c = 128.5f + r0 * K40;
        out[o] = sample(c + r1 * K41 + r2 * K42 + r3 * K43);
        out[o + stride] = sample(c + r1 * K45 + r2 * K46 + r3 * K47);
        out[o + 2 * stride] = sample(c - r1 * K45 + r2 * K46 - r3 * K47);
        out[o + 3 * stride] = sample(c - r1 * K41 + r2 * K42 - r3 * K43);
    }

    /** 2x2 reduced IDCT of {@code f[v * 2 + u]}, as {@link #idct4} (its four products first). */
    static void idct2(float[] f, byte[] out, int base, int stride) {
        float c = 128.5f + f[0] * K20 * K20;
        float h = f[1] * K21 * K20; // horizontal frequency 1
        float v = f[2] * K21 * K20; // vertical frequency 1
        float d = f[3] * K21 * K21;
        out[base] = sample(c + h + v + d);
        out[base + 1] = sample(c - h + v - d);
        out[base + stride] = sample(c + h - v - d);
        out[base + stride + 1] = sample(c - h - v + d);
    }

    /**
     * N x N inverse DCT (N = 3, 5, 6, 7) of a block's dequantized coefficients into {@code out}, as
     * libjpeg's scaled IDCTs (jidctint.c jpeg_idct_NxN) define it: sample (x, y) of n is the sum
     * over u, v of 1/4 C(u) C(v) f(v, u) cos((2x + 1) u pi / 2n) cos((2y + 1) v pi / 2n), the
     * 8-point normalisation, so a flat block keeps its level (DC / 8). Level-shifted, rounded half
     * up, clamped. Unlike the 1/4 and 1/2 transforms no box filter: with n not dividing 8 a sample
     * covers fractions of pixels. The AC coefficients come as a list ({@code slots[j]} = v * n + u,
     * {@code values[j]}, j below {@code count}, each slot once): a block keeps few of its n^2, and
     * adding each one's basis image (n^2 products over contiguous arrays) costs less than a
     * separable pass over mostly zero rows. In double, within about 1e-11 of the exact sum; sums
     * exactly on k + 1/2 (flat parts, and the rational cosines at n = 3 and 6, give many) are
     * nudged up by {@value #TIE_NUDGE} so that they round up whatever the order of the terms.
     * {@code sums}: n * n scratch.
     */
    static void idctN(
            double dc,
            int[] slots,
            double[] values,
            int count,
            int n,
            double[] sums,
            byte[] out,
            int base,
            int stride) {
        double[][] basis = BASIS_N[n];
        int nn = n * n;
        double start = 128.5 + TIE_NUDGE + dc * 0.125; // C(0)^2 / 4 = 1/8
        for (int i = 0; i < nn; i++) {
            sums[i] = start;
        }
        for (int j = 0; j < count; j++) {
            double[] b = basis[slots[j]];
            double f = values[j];
            for (int i = 0; i < nn; i++) {
                sums[i] += f * b[i];
            }
        }
        for (int y = 0, i = 0; y < n; y++) {
            int o = base + y * stride;
            for (int x = 0; x < n; x++, i++) {
                int v = (int) sums[i];
                out[o + x] = (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
    }

    /** A level-shifted sum (128.5 included) truncated and clamped to a sample. */
    private static byte sample(float v) {
        int i = (int) v;
        return (byte) (i < 0 ? 0 : i > 255 ? 255 : i);
    }

    // JFIF YCbCr -> RGB in 16.16 fixed point, by table: R = Y + ((91881 (Cr - 128) + 32768) >> 16),
    // G = Y + ((-22554 (Cb - 128) - 46802 (Cr - 128) + 32768) >> 16),
    // B = Y + ((116130 (Cb - 128) + 32768) >> 16), each clamped to 0..255.
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CB_G = new int[256];
    private static final int[] CR_G = new int[256];

    /** CLAMP[v + CLAMP_OFFSET] is v clamped to 0..255, for Y plus any of the terms above. */
    private static final int CLAMP_OFFSET = 256;

    private static final int[] CLAMP = new int[256 + 2 * CLAMP_OFFSET];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i - 128;
            CR_R[i] = (91881 * c + 32768) >> 16;
            CB_B[i] = (116130 * c + 32768) >> 16;
            CB_G[i] = -22554 * c;
            CR_G[i] = -46802 * c + 32768;
        }
        for (int i = 0; i < CLAMP.length; i++) {
            CLAMP[i] = Math.max(0, Math.min(255, i - CLAMP_OFFSET));
        }
    }

    /** Natural (row-major) position of each zigzag index. */
    private static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27,
        20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63
    };

    /** Zigzag index -> slot y * n + x of the kept n x n low frequencies, or -1. */
    private static final int[] SLOT2 = slots(2);

    private static final int[] SLOT4 = slots(4);
    private static final int LAST2 = lastKept(SLOT2);
    private static final int LAST4 = lastKept(SLOT4);

    /** Reduced inverse DCT matrices, [x * n + u]. */
    private static final float[] IDCT2 = idctMatrix(2);

    private static final float[] IDCT4 = idctMatrix(4);

    // The matrices' entries as constants for the unrolled transforms: by symmetry
    // t[3-x][u] = (-1)^u t[x][u], so rows x = 0 and 1 hold everything.
    private static final float K20 = IDCT2[0];
    private static final float K21 = IDCT2[1];
    private static final float K40 = IDCT4[0];
    private static final float K41 = IDCT4[1];
    private static final float K42 = IDCT4[2];
    private static final float K43 = IDCT4[3];
    private static final float K45 = IDCT4[5];
    private static final float K46 = IDCT4[6];
    private static final float K47 = IDCT4[7];

    /** Above the double error of {@link #idctN}'s sums, far below a sample step. */
    static final double TIE_NUDGE = 1e-9;

    /**
     * Basis images of the N-point inverse DCT for N = 3, 5, 6, 7: BASIS_N[n][v * n + u][y * n + x]
     * = t(y, v) t(x, u), t(x, u) = 1/2 C(u) cos((2x + 1) u pi / 2n); null for other n.
     */
    private static final double[][][] BASIS_N = new double[8][][];

    static {
        for (int n : new int[] {3, 5, 6, 7}) {
            double[][] t = new double[n][n];
            for (int x = 0; x < n; x++) {
                for (int u = 0; u < n; u++) {
                    double cu = u == 0 ? Math.sqrt(0.5) : 1;
                    t[x][u] = 0.5 * cu * Math.cos((2 * x + 1) * u * Math.PI / (2 * n));
                }
            }
            double[][] basis = new double[n * n][n * n];
            for (int v = 0; v < n; v++) {
                for (int u = 0; u < n; u++) {
                    for (int y = 0; y < n; y++) {
                        for (int x = 0; x < n; x++) {
                            basis[v * n + u][y * n + x] = t[y][v] * t[x][u];
                        }
                    }
                }
            }
            BASIS_N[n] = basis;
        }
    }

    private static int[] slots(int n) {
        int[] slot = new int[64];
        for (int k = 0; k < 64; k++) {
            int row = ZIGZAG[k] >> 3;
            int col = ZIGZAG[k] & 7;
            slot[k] = row < n && col < n ? row * n + col : -1;
        }
        return slot;
    }

    private static int lastKept(int[] slot) {
        int last = 0;
        for (int k = 0; k < 64; k++) {
            if (slot[k] >= 0) {
                last = k;
            }
        }
        return last;
    }

    /**
     * One axis of the reduced IDCT: output sample x of n covers full-size pixels m*x .. m*x+m-1 (m
     * = 8/n), and its value is the mean of the 8-point IDCT over them restricted to frequencies u <
     * n: 1/2 C(u) cos((2x+1) u pi / 2n) times the mean of cos((2j-m+1) u pi / 16) over j < m (the
     * box filter's response; libjpeg leaves it out). The dropped frequencies u >= n are what the
     * box mean would alias in, hence the only approximation.
     */
    private static float[] idctMatrix(int n) {
        int m = 8 / n;
        float[] t = new float[n * n];
        for (int x = 0; x < n; x++) {
            for (int u = 0; u < n; u++) {
                double box = 0;
                for (int j = 0; j < m; j++) {
                    box += Math.cos((2 * j - m + 1) * u * Math.PI / 16);
                }
                double cu = u == 0 ? Math.sqrt(0.5) : 1;
                t[x * n + u] =
                        (float)
                                (0.5
                                        * cu
                                        * Math.cos((2 * x + 1) * u * Math.PI / (2 * n))
                                        * box
                                        / m);
            }
        }
        return t;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
