package io.imageguard.ingest.fetch;

import static io.imageguard.ingest.fetch.ImageFormat.le32;
import static io.imageguard.ingest.fetch.ImageFormat.u8;

import java.util.Optional;

/**
 * An image's format and pixel dimensions as its header states them, read without decoding anything
 * and without allocating in proportion to the claimed size, so a decompression bomb can be refused
 * by its header alone.
 *
 * <p>For GIF the larger of the logical screen and the first frame counts (decoders allocate the
 * frame). For JPEG the first start-of-frame segment counts.
 */
public record ImageHeader(ImageFormat format, int width, int height) {

    /** Pixels the header claims, as a long so that no product overflows. */
    public long pixels() {
        return (long) width * height;
    }

    /**
     * Reads the header of {@code data[0..length)}. Empty when the bytes carry no recognised
     * signature or the header is cut off or malformed.
     */
    public static Optional<ImageHeader> read(byte[] data, int length) {
        Optional<ImageFormat> format = ImageFormat.sniff(data, length);
        if (format.isEmpty()) {
            return Optional.empty();
        }
        try {
            switch (format.get()) {
                case JPEG:
                    return jpeg(data, length);
                case PNG:
                    return png(data, length);
                case GIF:
                    return gif(data, length);
                case WEBP:
                    return webp(data, length);
                case BMP:
                    return bmp(data, length);
                default:
                    throw new AssertionError(format.get());
            }
        } catch (ArrayIndexOutOfBoundsException truncated) {
            // Every reader below checks lengths before it reads; this only guards a slip.
            return Optional.empty();
        }
    }

    private static Optional<ImageHeader> png(byte[] d, int n) {
        // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4): big endian.
        if (n < 24 || d[12] != 'I' || d[13] != 'H' || d[14] != 'D' || d[15] != 'R') {
            return Optional.empty();
        }
        return of(ImageFormat.PNG, be32(d, 16), be32(d, 20));
    }

    private static Optional<ImageHeader> gif(byte[] d, int n) {
        if (n < 13) {
            return Optional.empty();
        }
        long width = u16le(d, 6);
        long height = u16le(d, 8);
        int flags = u8(d, 10);
        int at = 13;
        if ((flags & 0x80) != 0) {
            at += 3 * (1 << ((flags & 0x07) + 1));
        }
        // Walk extension blocks up to the first image descriptor.
        while (at < n) {
            int block = u8(d, at);
            if (block == 0x2C) {
                if (at + 9 >= n) {
                    return Optional.empty();
                }
                width = Math.max(width, u16le(d, at + 5));
                height = Math.max(height, u16le(d, at + 7));
                return of(ImageFormat.GIF, width, height);
            }
            if (block != 0x21 || at + 2 >= n) {
                break;
            }
            at += 2;
            while (at < n && u8(d, at) != 0) {
                at += u8(d, at) + 1;
            }
            at++;
        }
        // No frame within the bytes at hand: the logical screen is all we know.
        return of(ImageFormat.GIF, width, height);
    }

    private static Optional<ImageHeader> webp(byte[] d, int n) {
        if (n < 30) {
            return Optional.empty();
        }
        String chunk = new String(d, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        switch (chunk) {
            case "VP8 ":
                // Frame tag (3), start code 9d 01 2a, then 14-bit width and height.
                if (u8(d, 23) != 0x9D || u8(d, 24) != 0x01 || u8(d, 25) != 0x2A) {
                    return Optional.empty();
                }
                return of(ImageFormat.WEBP, u16le(d, 26) & 0x3FFF, u16le(d, 28) & 0x3FFF);
            case "VP8L":
                if (u8(d, 20) != 0x2F) {
                    return Optional.empty();
                }
                long bits = le32(d, 21);
                return of(ImageFormat.WEBP, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
            case "VP8X":
                return of(ImageFormat.WEBP, u24le(d, 24) + 1, u24le(d, 27) + 1);
            default:
                return Optional.empty();
        }
    }

    private static Optional<ImageHeader> bmp(byte[] d, int n) {
        long dibSize = le32(d, 14);
        if (dibSize == 12) {
            return n < 22 ? Optional.empty() : of(ImageFormat.BMP, u16le(d, 18), u16le(d, 20));
        }
        if (n < 26) {
            return Optional.empty();
        }
        // Signed: a negative height means rows stored top-down.
        return of(
                ImageFormat.BMP,
                Math.abs((long) (int) le32(d, 18)),
                Math.abs((long) (int) le32(d, 22)));
    }

    private static Optional<ImageHeader> jpeg(byte[] d, int n) {
        int at = 2;
        while (at + 4 <= n) {
            if (u8(d, at) != 0xFF) {
                return Optional.empty();
            }
            int marker = u8(d, at + 1);
            if (marker == 0xFF) {
                at++; // fill byte
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                at += 2; // standalone marker, no length
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                return Optional.empty(); // end of image or scan data before any frame header
            }
            int segmentLength = (u8(d, at + 2) << 8) | u8(d, at + 3);
            if (segmentLength < 2) {
                return Optional.empty();
            }
            if (isStartOfFrame(marker)) {
                // Length (2), precision (1), height (2), width (2).
                if (at + 9 > n) {
                    return Optional.empty();
                }
                long height = (u8(d, at + 5) << 8) | u8(d, at + 6);
                long width = (u8(d, at + 7) << 8) | u8(d, at + 8);
                return of(ImageFormat.JPEG, width, height);
            }
            at += 2 + segmentLength;
        }
        return Optional.empty();
    }

    private static boolean isStartOfFrame(int marker) {
        // C0..CF except DHT (C4), JPG (C8) and DAC (CC).
        return marker >= 0xC0
                && marker <= 0xCF
                && marker != 0xC4
                && marker != 0xC8
                && marker != 0xCC;
    }

    /** Zero or out-of-int dimensions mean a corrupt (or hostile) header, not an image. */
    private static Optional<ImageHeader> of(ImageFormat format, long width, long height) {
        if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new ImageHeader(format, (int) width, (int) height));
    }

    private static long be32(byte[] d, int at) {
        return (d[at] & 0xFFL) << 24
                | (d[at + 1] & 0xFFL) << 16
                | (d[at + 2] & 0xFFL) << 8
                | (d[at + 3] & 0xFFL);
    }

    private static long u16le(byte[] d, int at) {
        return (d[at] & 0xFF) | (d[at + 1] & 0xFF) << 8;
    }

    private static long u24le(byte[] d, int at) {
        return (d[at] & 0xFF) | (d[at + 1] & 0xFF) << 8 | (d[at + 2] & 0xFF) << 16;
    }
}
