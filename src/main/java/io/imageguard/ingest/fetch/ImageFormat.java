package io.imageguard.ingest.fetch;

import java.util.Locale;
import java.util.Optional;

/**
 * The image formats the ingest path accepts, recognised by their magic bytes only. Names and
 * extensions are used solely to detect a mismatch with what the bytes are.
 */
public enum ImageFormat {
    JPEG,
    PNG,
    GIF,
    WEBP,
    BMP;

    /** The format whose signature starts {@code data[0..length)}, if any. */
    public static Optional<ImageFormat> sniff(byte[] data, int length) {
        if (length >= 3 && u8(data, 0) == 0xFF && u8(data, 1) == 0xD8 && u8(data, 2) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (length >= 8 && startsWith(data, length, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (length >= 6
                && (startsWith(data, length, ascii("GIF87a"))
                        || startsWith(data, length, ascii("GIF89a")))) {
            return Optional.of(GIF);
        }
        if (length >= 12
                && startsWith(data, length, ascii("RIFF"))
                && data[8] == 'W'
                && data[9] == 'E'
                && data[10] == 'B'
                && data[11] == 'P') {
            return Optional.of(WEBP);
        }
        // "BM" alone is two ASCII letters; require the DIB header size to be one that exists.
        if (length >= 18 && data[0] == 'B' && data[1] == 'M' && isDibHeaderSize(le32(data, 14))) {
            return Optional.of(BMP);
        }
        return Optional.empty();
    }

    /**
     * The format a MIME type names, for {@code image/*} types this enum knows (including common
     * non-standard aliases). Empty for anything else, including unknown image types.
     */
    public static Optional<ImageFormat> fromMimeType(String mimeType) {
        if (mimeType == null) {
            return Optional.empty();
        }
        String type = mimeType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        switch (type) {
            case "image/jpeg":
            case "image/jpg":
            case "image/pjpeg":
                return Optional.of(JPEG);
            case "image/png":
            case "image/x-png":
                return Optional.of(PNG);
            case "image/gif":
                return Optional.of(GIF);
            case "image/webp":
                return Optional.of(WEBP);
            case "image/bmp":
            case "image/x-bmp":
            case "image/x-ms-bmp":
                return Optional.of(BMP);
            default:
                return Optional.empty();
        }
    }

    /** The format a file name extension (without the dot, any case) stands for, if known. */
    public static Optional<ImageFormat> fromExtension(String extension) {
        switch (extension.toLowerCase(Locale.ROOT)) {
            case "jpg":
            case "jpeg":
            case "jpe":
            case "jfif":
                return Optional.of(JPEG);
            case "png":
                return Optional.of(PNG);
            case "gif":
                return Optional.of(GIF);
            case "webp":
                return Optional.of(WEBP);
            case "bmp":
            case "dib":
                return Optional.of(BMP);
            default:
                return Optional.empty();
        }
    }

    private static final byte[] PNG_SIGNATURE = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'
    };

    private static boolean isDibHeaderSize(long size) {
        return size == 12
                || size == 40
                || size == 52
                || size == 56
                || size == 64
                || size == 108
                || size == 124;
    }

    private static boolean startsWith(byte[] data, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    static int u8(byte[] data, int at) {
        return data[at] & 0xFF;
    }

    static long le32(byte[] data, int at) {
        return (data[at] & 0xFFL)
                | (data[at + 1] & 0xFFL) << 8
                | (data[at + 2] & 0xFFL) << 16
                | (data[at + 3] & 0xFFL) << 24;
    }
}
