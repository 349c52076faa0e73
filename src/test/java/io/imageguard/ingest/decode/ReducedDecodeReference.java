package io.imageguard.ingest.decode;

import java.io.ByteArrayOutputStream;

/**
 * What {@link JpegDcDecoder#decode(byte[], long, int)} and {@link AreaAverage#resize} compute,
 * written out plainly for the baseline JPEGs the tests make: every coefficient Huffman-decoded bit
 * by bit, each block's samples from a matrix product, each output pixel from its own taps. The
 * floating-point sums are evaluated in the same order as the decoder's (Java float arithmetic is
 * exact to the bit for a given order), so the results must match the fast paths bit for bit.
 *
 * <p>At 3/8, 5/8, 6/8 and 7/8 ({@link #decodeEighths}) each block's samples come from the N x N
 * inverse DCT as defined, a double sum over all N^2 frequencies per sample, rounded half up. A sum
 * within {@value #TIE} of k + 1/2 is taken to be exactly on it (a flat block whose DC / 8 ends in
 * .5, say; the double sum itself may land a hair either side) and rounds up.
 */
final class ReducedDecodeReference {

    private static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27,
        20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63
    };

    private static final float[][] T2 = Parser.matrix(2);
    private static final float[][] T4 = Parser.matrix(4);

    static final double TIE = 1e-10;

    /**
     * Decoded pixels, 0xRRGGBB row-major. At 3/8 .. 7/8 also each component's samples before
     * upsampling (rows of MCU-padded blocks x N), and how many were ties.
     */
    record Image(int width, int height, int[] rgb, int[][] samples, int ties) {}

    private ReducedDecodeReference() {}

    /** Baseline (SOF0/SOF1) JPEGs only, at 1/denominator, denominator 8, 4 or 2. */
    static Image decode(byte[] jpeg, int denominator) {
        return new Parser(jpeg).decode(8 / denominator);
    }

    /** Baseline JPEGs at eighths/8, eighths 3, 5, 6 or 7. */
    static Image decodeEighths(byte[] jpeg, int eighths) {
        if (eighths != 3 && eighths != 5 && eighths != 6 && eighths != 7) {
            throw new IllegalArgumentException("eighths " + eighths);
        }
        return new Parser(jpeg).decode(eighths);
    }

    /**
     * Sample (x, y) of an n x n block, n 3, 5, 6 or 7, from its dequantized coefficients f[v][u] (n
     * x n), before rounding: 128 + the sum over u, v of 1/4 C(u) C(v) f[v][u] cos((2x+1) u pi / 2n)
     * cos((2y+1) v pi / 2n), C(0) = 1/sqrt(2), else 1, as libjpeg's scaled IDCTs define it (the
     * 8-point normalisation: a flat block is DC / 8).
     */
    static double exactSample(double[][] f, int n, int x, int y) {
        double[][] cos = COS[n];
        double sum = 0;
        for (int v = 0; v < n; v++) {
            for (int u = 0; u < n; u++) {
                double cu = u == 0 ? 1 / Math.sqrt(2) : 1;
                double cv = v == 0 ? 1 / Math.sqrt(2) : 1;
                sum += 0.25 * cu * cv * f[v][u] * cos[x][u] * cos[y][v];
            }
        }
        return 128 + sum;
    }

    /** COS[n][x][u] = cos((2x+1) u pi / 2n), taken once: the tests evaluate millions of sums. */
    private static final double[][][] COS = new double[8][][];

    static {
        for (int n = 1; n < 8; n++) {
            COS[n] = new double[n][n];
            for (int x = 0; x < n; x++) {
                for (int u = 0; u < n; u++) {
                    COS[n][x][u] = Math.cos((2 * x + 1) * u * Math.PI / (2 * n));
                }
            }
        }
    }

    /** A sample rounded half up (ties up) and clamped. */
    static int round(double exact) {
        double up = isTie(exact) ? exact + TIE : exact;
        return (int) Math.max(0, Math.min(255, Math.floor(up + 0.5)));
    }

    /** Whether {@code exact} is within {@link #TIE} of a rounding boundary (k + 0.5). */
    static boolean isTie(double exact) {
        double frac = exact + 0.5 - Math.floor(exact + 0.5);
        return frac < TIE || frac > 1 - TIE;
    }

    private static final class Component {
        int id;
        int h;
        int v;
        int tq;
        int td;
        int ta;
        int pred;

        /** Quantized coefficients in natural order, 64 per block, bw x bh blocks. */
        int[] coef;

        int bw;
        int bh;
    }

    private static final class Table {
        final int[] maxCode = new int[17];
        final int[] minCode = new int[17];
        final int[] valPtr = new int[17];
        byte[] symbols;
    }

    private static final class Parser {
        final byte[] d;
        int pos;
        int width;
        int height;
        Component[] comps;
        int hMax;
        int vMax;
        final int[][] quant = new int[4][64];
        final Table[][] tables = new Table[2][4];
        int restartInterval;
        int adobeTransform = -1;
        boolean jfif;

        // Bit reader over the entropy-coded bytes of the current scan, stuffing removed.
        byte[] scanBytes;
        int bitPos;

        /** At 3/8 .. 7/8: each component's samples, and how many were ties. */
        int[][] samplePlanes;

        int ties;

        Parser(byte[] d) {
            this.d = d;
        }

        Image decode(int side) {
            pos = 2;
            while (pos < d.length) {
                int marker = d[pos + 1] & 0xFF;
                pos += 2;
                if (marker == 0xD9) {
                    break;
                }
                int len = u16(pos);
                int body = pos + 2;
                switch (marker) {
                    case 0xDB -> {
                        for (int p = body; p < pos + len; ) {
                            int pq = (d[p] & 0xFF) >> 4;
                            int tq = d[p] & 15;
                            for (int k = 0; k < 64; k++) {
                                quant[tq][k] = pq == 0 ? d[p + 1 + k] & 0xFF : u16(p + 1 + 2 * k);
                            }
                            p += pq == 0 ? 65 : 129;
                        }
                    }
                    case 0xC4 -> {
                        for (int p = body; p < pos + len; ) {
                            Table t = new Table();
                            int total = 0;
                            int code = 0;
                            for (int l = 1; l <= 16; l++) {
                                int n = d[p + l] & 0xFF;
                                t.valPtr[l] = total;
                                t.minCode[l] = code;
                                code += n;
                                total += n;
                                t.maxCode[l] = n == 0 ? -1 : code - 1;
                                code <<= 1;
                            }
                            t.symbols = java.util.Arrays.copyOfRange(d, p + 17, p + 17 + total);
                            tables[(d[p] & 0xFF) >> 4][d[p] & 15] = t;
                            p += 17 + total;
                        }
                    }
                    case 0xC0, 0xC1 -> readFrame(body);
                    case 0xDD -> restartInterval = u16(body);
                    case 0xE0 -> jfif |= len >= 7 && new String(d, body, 4).equals("JFIF");
                    case 0xEE -> {
                        if (len >= 14 && new String(d, body, 5).equals("Adobe")) {
                            adobeTransform = d[body + 11] & 0xFF;
                        }
                    }
                    case 0xDA -> {
                        readScan(body);
                        continue;
                    }
                    default -> {
                        if (marker >= 0xC2 && marker <= 0xCF && marker != 0xC4 && marker != 0xCC) {
                            throw new IllegalArgumentException("reference: baseline only");
                        }
                    }
                }
                pos += len;
            }
            return toImage(side);
        }

        void readFrame(int p) {
            height = u16(p + 1);
            width = u16(p + 3);
            int n = d[p + 5] & 0xFF;
            comps = new Component[n];
            for (int i = 0; i < n; i++) {
                Component c = new Component();
                c.id = d[p + 6 + 3 * i] & 0xFF;
                c.h = (d[p + 7 + 3 * i] & 0xFF) >> 4;
                c.v = d[p + 7 + 3 * i] & 15;
                c.tq = d[p + 8 + 3 * i] & 0xFF;
                hMax = Math.max(hMax, c.h);
                vMax = Math.max(vMax, c.v);
                comps[i] = c;
            }
            if (n == 1) {
                hMax = comps[0].h;
                vMax = comps[0].v;
            }
            int mcusX = ceilDiv(width, 8 * hMax);
            int mcusY = ceilDiv(height, 8 * vMax);
            for (Component c : comps) {
                c.bw = mcusX * c.h;
                c.bh = mcusY * c.v;
                c.coef = new int[c.bw * c.bh * 64];
            }
        }

        void readScan(int p) {
            int ns = d[p] & 0xFF;
            Component[] scan = new Component[ns];
            for (int i = 0; i < ns; i++) {
                int id = d[p + 1 + 2 * i] & 0xFF;
                for (Component c : comps) {
                    if (c.id == id) {
                        scan[i] = c;
                    }
                }
                scan[i].td = (d[p + 2 + 2 * i] & 0xFF) >> 4;
                scan[i].ta = d[p + 2 + 2 * i] & 15;
            }
            pos = p + 1 + 2 * ns + 3;
            // Blocks in coding order: MCUs of interleaved blocks, or the component's own blocks.
            int mcusX = ceilDiv(width, 8 * hMax);
            int mcusY = ceilDiv(height, 8 * vMax);
            int units;
            if (ns == 1) {
                Component c = scan[0];
                mcusX = ceilDiv(ceilDiv(width * c.h, hMax), 8);
                mcusY = ceilDiv(ceilDiv(height * c.v, vMax), 8);
            }
            units = mcusX * mcusY;
            for (Component c : scan) {
                c.pred = 0;
            }
            readSegment();
            for (int u = 0; u < units; u++) {
                if (restartInterval > 0 && u > 0 && u % restartInterval == 0) {
                    readSegment(); // the bit reader restarts at the byte after the RST marker
                    for (Component c : scan) {
                        c.pred = 0;
                    }
                }
                int mx = u % mcusX;
                int my = u / mcusX;
                if (ns == 1) {
                    decodeBlock(scan[0], my * scan[0].bw + mx);
                    continue;
                }
                for (Component c : scan) {
                    for (int v = 0; v < c.v; v++) {
                        for (int h = 0; h < c.h; h++) {
                            decodeBlock(c, (my * c.v + v) * c.bw + mx * c.h + h);
                        }
                    }
                }
            }
        }

        /** Reads entropy-coded bytes up to the next marker, unstuffing; pos after the marker. */
        void readSegment() {
            if ((d[pos] & 0xFF) == 0xFF && (d[pos + 1] & 0xF8) == 0xD0) {
                pos += 2; // RSTn
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (true) {
                int b = d[pos] & 0xFF;
                if (b == 0xFF) {
                    if (d[pos + 1] == 0) {
                        bytes.write(0xFF);
                        pos += 2;
                        continue;
                    }
                    break;
                }
                bytes.write(b);
                pos++;
            }
            scanBytes = bytes.toByteArray();
            bitPos = 0;
        }

        int bit() {
            int b = scanBytes[bitPos >> 3] >> (7 - (bitPos & 7)) & 1;
            bitPos++;
            return b;
        }

        int receiveExtend(int s) {
            int v = 0;
            for (int i = 0; i < s; i++) {
                v = v << 1 | bit();
            }
            return s == 0 || v >= 1 << (s - 1) ? v : v - (1 << s) + 1;
        }

        int symbol(Table t) {
            int code = 0;
            for (int l = 1; l <= 16; l++) {
                code = code << 1 | bit();
                if (code <= t.maxCode[l]) {
                    return t.symbols[t.valPtr[l] + code - t.minCode[l]] & 0xFF;
                }
            }
            throw new IllegalStateException("bad code");
        }

        void decodeBlock(Component c, int block) {
            int[] out = c.coef;
            int o = block * 64;
            c.pred += receiveExtend(symbol(tables[0][c.td]));
            out[o] = c.pred;
            for (int k = 1; k < 64; k++) {
                int sym = symbol(tables[1][c.ta]);
                if ((sym & 15) == 0) {
                    if (sym != 0xF0) {
                        break;
                    }
                    k += 15;
                    continue;
                }
                k += sym >> 4;
                out[o + ZIGZAG[k]] = receiveExtend(sym & 15);
            }
        }

        Image toImage(int side) {
            int outW = ceilDiv(width * side, 8);
            int outH = ceilDiv(height * side, 8);
            int[][] planes = new int[comps.length][];
            if (side == 3 || side >= 5) {
                samplePlanes = new int[comps.length][];
            }
            for (int i = 0; i < comps.length; i++) {
                planes[i] = plane(i, side, outW, outH);
            }
            int[] rgb = new int[outW * outH];
            boolean isRgb =
                    adobeTransform >= 0
                            ? adobeTransform == 0
                            : !jfif
                                    && comps.length == 3
                                    && comps[0].id == 'R'
                                    && comps[1].id == 'G'
                                    && comps[2].id == 'B';
            for (int i = 0; i < rgb.length; i++) {
                if (comps.length == 1) {
                    rgb[i] = planes[0][i] * 0x010101;
                } else if (isRgb) {
                    rgb[i] = planes[0][i] << 16 | planes[1][i] << 8 | planes[2][i];
                } else {
                    rgb[i] = ycc(planes[0][i], planes[1][i], planes[2][i]);
                }
            }
            return new Image(outW, outH, rgb, samplePlanes, ties);
        }

        /** The component at output resolution: its samples, interpolated if subsampled. */
        int[] plane(int component, int side, int outW, int outH) {
            Component c = comps[component];
            int sw = c.bw * side;
            int sh = c.bh * side;
            int[] samples = new int[sw * sh];
            for (int by = 0; by < c.bh; by++) {
                for (int bx = 0; bx < c.bw; bx++) {
                    int o = (by * c.bw + bx) * 64;
                    if (side == 3 || side >= 5) {
                        exactBlock(c, o, side, samples, by * side * sw + bx * side, sw);
                        continue;
                    }
                    int[] s = blockSamples(c.coef, o, quant[c.tq], side);
                    for (int y = 0; y < side; y++) {
                        for (int x = 0; x < side; x++) {
                            samples[(by * side + y) * sw + bx * side + x] = s[y * side + x];
                        }
                    }
                }
            }
            if (samplePlanes != null) {
                samplePlanes[component] = samples;
            }
            int validW = ceilDiv(ceilDiv(width * c.h, hMax) * side, 8);
            int validH = ceilDiv(ceilDiv(height * c.v, vMax) * side, 8);
            int[] plane = new int[outW * outH];
            for (int y = 0; y < outH; y++) {
                int[] ty = tap(y, c.v, vMax, validH);
                for (int x = 0; x < outW; x++) {
                    int[] tx = tap(x, c.h, hMax, validW);
                    int top =
                            samples[ty[0] * sw + tx[0]] * (256 - tx[2])
                                    + samples[ty[0] * sw + tx[1]] * tx[2];
                    int bottom =
                            samples[ty[1] * sw + tx[0]] * (256 - tx[2])
                                    + samples[ty[1] * sw + tx[1]] * tx[2];
                    plane[y * outW + x] = (top * (256 - ty[2]) + bottom * ty[2] + (1 << 15)) >> 16;
                }
            }
            return plane;
        }

        /**
         * Output sample i's centre, (i + 0.5) * factor / max - 0.5 in component samples: the two
         * neighbours (clamped to the valid ones) and the weight of the second in 1/256.
         */
        static int[] tap(int i, int factor, int max, int valid) {
            int num = (2 * i + 1) * factor - max;
            int den = 2 * max;
            int lo = Math.floorDiv(num, den);
            int frac = (num - lo * den) * 256 / den;
            return new int[] {
                Math.max(0, Math.min(valid - 1, lo)), Math.max(0, Math.min(valid - 1, lo + 1)), frac
            };
        }

        /** The block at coefficient offset o through the n x n IDCT as defined. */
        void exactBlock(Component c, int o, int n, int[] samples, int base, int stride) {
            double[][] f = new double[n][n];
            for (int k = 0; k < 64; k++) {
                int z = ZIGZAG[k];
                if (z >> 3 < n && (z & 7) < n) {
                    f[z >> 3][z & 7] = (double) c.coef[o + z] * quant[c.tq][k];
                }
            }
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double exact = exactSample(f, n, x, y);
                    ties += isTie(exact) ? 1 : 0;
                    samples[base + y * stride + x] = round(exact);
                }
            }
        }

        /** side x side samples of one block, row-major. */
        static int[] blockSamples(int[] coef, int o, int[] q, int side) {
            int[] s = new int[side * side];
            if (side == 1) {
                long v = (((long) coef[o] * q[0] + 4) >> 3) + 128;
                s[0] = (int) Math.max(0, Math.min(255, v));
                return s;
            }
            // Dequantized kept frequencies f[v][u]; q is in zigzag order, coef in natural order.
            float[][] f = new float[side][side];
            boolean anyAc = false;
            for (int k = 0; k < 64; k++) {
                int n = ZIGZAG[k];
                if (n >> 3 < side && (n & 7) < side) {
                    f[n >> 3][n & 7] = (float) coef[o + n] * q[k];
                    anyAc |= k > 0 && coef[o + n] != 0;
                }
            }
            if (!anyAc) {
                java.util.Arrays.fill(s, clamp((int) (f[0][0] * 0.125f + 128.5f)));
                return s;
            }
            return samples(f, side);
        }

        /**
         * t[x][u]: mean over output sample x's pixels of the 8-point IDCT basis u (with the box
         * filter's response). Rows x >= n/2 mirror rows n-1-x with sign (-1)^u, so the decoder's
         * constants for x < n/2 are all there is.
         */
        static float[][] matrix(int n) {
            int m = 8 / n;
            float[][] t = new float[n][n];
            for (int x = 0; x < n; x++) {
                for (int u = 0; u < n; u++) {
                    if (x >= n / 2) {
                        t[x][u] = u % 2 == 0 ? t[n - 1 - x][u] : -t[n - 1 - x][u];
                        continue;
                    }
                    double box = 0;
                    for (int j = 0; j < m; j++) {
                        box += Math.cos((2 * j - m + 1) * u * Math.PI / 16);
                    }
                    double cu = u == 0 ? Math.sqrt(0.5) : 1;
                    t[x][u] =
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

        static int ycc(int y, int cb, int cr) {
            cb -= 128;
            cr -= 128;
            int r = y + ((91881 * cr + 32768) >> 16);
            int g = y + ((-22554 * cb - 46802 * cr + 32768) >> 16);
            int b = y + ((116130 * cb + 32768) >> 16);
            return clamp(r) << 16 | clamp(g) << 8 | clamp(b);
        }

        static int clamp(int v) {
            return Math.max(0, Math.min(255, v));
        }

        int u16(int p) {
            return (d[p] & 0xFF) << 8 | (d[p + 1] & 0xFF);
        }
    }

    /**
     * Area average of opaque 0xRRGGBB pixels: per output pixel the overlap-weighted sum over its
     * source rectangle, horizontally first (a float per source row), then vertically, each sum from
     * zero in source order, rounded half up and clamped.
     */
    static int[] resize(int[] rgb, int w, int h, int outW, int outH) {
        float[][] wx = weights(w, outW);
        int[] fx = firsts(w, outW);
        float[][] wy = weights(h, outH);
        int[] fy = firsts(h, outH);
        int[] out = new int[outW * outH];
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                int p = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    float sum = 0;
                    for (int ky = 0; ky < wy[oy].length; ky++) {
                        float row = 0;
                        for (int kx = 0; kx < wx[ox].length; kx++) {
                            int src = rgb[(fy[oy] + ky) * w + fx[ox] + kx];
                            row += wx[ox][kx] * (float) (src >> shift & 0xFF);
                        }
                        sum += wy[oy][ky] * row;
                    }
                    int v = (int) (sum + 0.5f);
                    p |= Math.max(0, Math.min(255, v)) << shift;
                }
                out[oy * outW + ox] = p;
            }
        }
        return out;
    }

    /**
     * side x side samples, row-major, of a block whose kept dequantized coefficients are {@code
     * f[v][u]} and at least one of them an AC coefficient.
     */
    static int[] samples(float[][] f, int side) {
        int[] s = new int[side * side];
        float[][] t = side == 2 ? T2 : T4;
        if (side == 2) {
            // Not separable in float: the four products first, then one sum per sample.
            float c = 128.5f + f[0][0] * t[0][0] * t[0][0];
            float h = f[0][1] * t[0][1] * t[0][0];
            float v = f[1][0] * t[0][1] * t[0][0];
            float dd = f[1][1] * t[0][1] * t[0][1];
            s[0] = Parser.clamp((int) (c + h + v + dd));
            s[1] = Parser.clamp((int) (c - h + v - dd));
            s[2] = Parser.clamp((int) (c + h - v - dd));
            s[3] = Parser.clamp((int) (c - h - v + dd));
            return s;
        }
        // Rows along x, then columns along y, each a left-to-right sum over u (v).
        float[][] r = new float[4][4];
        for (int v = 0; v < 4; v++) {
            for (int x = 0; x < 4; x++) {
                float sum = f[v][0] * t[x][0];
                for (int u = 1; u < 4; u++) {
                    sum += f[v][u] * t[x][u];
                }
                r[v][x] = sum;
            }
        }
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                float sum = 128.5f + r[0][x] * t[y][0];
                for (int v = 1; v < 4; v++) {
                    sum += r[v][x] * t[y][v];
                }
                s[y * 4 + x] = Parser.clamp((int) sum);
            }
        }
        return s;
    }

    private static int[] firsts(int in, int out) {
        int[] first = new int[out];
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            first[o] = Math.min(in - 1, (int) Math.floor(o * scale));
        }
        return first;
    }

    /** Overlap of output o's interval [o, o+1) * in/out with each source pixel, normalised. */
    private static float[][] weights(int in, int out) {
        float[][] weights = new float[out][];
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            double left = o * scale;
            double right = (o + 1) * scale;
            int lo = Math.min(in - 1, (int) Math.floor(left));
            int hi = Math.min(in, (int) Math.ceil(right));
            int n = Math.max(1, hi - lo);
            float[] w = new float[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double overlap = Math.max(0, Math.min(lo + i + 1, right) - Math.max(lo + i, left));
                w[i] = (float) overlap;
                sum += overlap;
            }
            for (int i = 0; i < n; i++) {
                w[i] = sum > 0 ? (float) (w[i] / sum) : 1f / n;
            }
            weights[o] = w;
        }
        return weights;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
