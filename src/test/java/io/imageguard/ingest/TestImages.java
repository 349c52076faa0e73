package io.imageguard.ingest;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Image bytes made by the tests themselves: real encodings, hand-built headers, EXIF. */
public final class TestImages {

    private TestImages() {}

    /** A real image of the given size in an ImageIO format ("jpeg", "png", "gif", "bmp"). */
    public static byte[] encode(String imageIoFormat, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x40);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, imageIoFormat, out)) {
                throw new IllegalArgumentException("no ImageIO writer for " + imageIoFormat);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] jpeg(int width, int height) {
        return encode("jpeg", width, height);
    }

    public static byte[] png(int width, int height) {
        return encode("png", width, height);
    }

    /**
     * A PNG that is only a signature and a valid IHDR chunk (with CRC) claiming the given size:
     * what a decompression bomb looks like to anything that reads headers.
     */
    public static byte[] pngHeader(long width, long height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt((int) width).putInt((int) height);
        ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk("IHDR", ihdr.array()));
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(typeBytes)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }

    /** Builds a JPEG with an EXIF APP1 segment holding exactly the tags set. */
    public static final class ExifJpeg {
        private final Map<Integer, String> ifd0 = new LinkedHashMap<>();
        private final Map<Integer, String> exifIfd = new LinkedHashMap<>();

        public ExifJpeg make(String make) {
            ifd0.put(0x010F, make);
            return this;
        }

        public ExifJpeg model(String model) {
            ifd0.put(0x0110, model);
            return this;
        }

        public ExifJpeg software(String software) {
            ifd0.put(0x0131, software);
            return this;
        }

        /** EXIF form {@code yyyy:MM:dd HH:mm:ss}. */
        public ExifJpeg dateTimeOriginal(String dateTime) {
            exifIfd.put(0x9003, dateTime);
            return this;
        }

        /** EXIF 2.31 form {@code +hh:mm}. */
        public ExifJpeg offsetTimeOriginal(String offset) {
            exifIfd.put(0x9011, offset);
            return this;
        }

        /** A 32×24 JPEG with this EXIF spliced in right after its SOI marker. */
        public byte[] build() {
            byte[] tiff = tiff();
            byte[] jpeg = jpeg(32, 24);
            int segmentLength = 2 + 6 + tiff.length;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0xFF);
            out.write(0xD8);
            out.write(0xFF);
            out.write(0xE1);
            out.write(segmentLength >> 8);
            out.write(segmentLength & 0xFF);
            out.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(tiff);
            out.write(jpeg, 2, jpeg.length - 2);
            return out.toByteArray();
        }

        /** Big-endian TIFF: header, IFD0 (+ pointer to the EXIF IFD), EXIF IFD; ASCII values. */
        private byte[] tiff() {
            boolean hasExif = !exifIfd.isEmpty();
            int ifd0Entries = ifd0.size() + (hasExif ? 1 : 0);
            int ifd0Offset = 8;
            int ifd0Data = ifd0Offset + 2 + 12 * ifd0Entries + 4;
            int ifd0DataLength = dataLength(ifd0);
            int exifOffset = ifd0Data + ifd0DataLength;
            int exifData = exifOffset + 2 + 12 * exifIfd.size() + 4;
            int total = hasExif ? exifData + dataLength(exifIfd) : exifOffset;

            ByteBuffer b = ByteBuffer.allocate(total);
            b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(ifd0Offset);
            writeIfd(b, ifd0Offset, ifd0, ifd0Data, hasExif ? exifOffset : -1);
            if (hasExif) {
                writeIfd(b, exifOffset, exifIfd, exifData, -1);
            }
            return b.array();
        }

        private static int dataLength(Map<Integer, String> tags) {
            int length = 0;
            for (String value : tags.values()) {
                int count = value.length() + 1;
                if (count > 4) {
                    length += count + (count % 2);
                }
            }
            return length;
        }

        private static void writeIfd(
                ByteBuffer b, int at, Map<Integer, String> tags, int dataAt, int exifPointer) {
            List<Integer> order = new ArrayList<>(tags.keySet());
            order.sort(null);
            int entries = order.size() + (exifPointer >= 0 ? 1 : 0);
            b.position(at);
            b.putShort((short) entries);
            int data = dataAt;
            for (int tag : order) {
                byte[] value = (tags.get(tag) + "\0").getBytes(StandardCharsets.US_ASCII);
                b.putShort((short) tag).putShort((short) 2).putInt(value.length);
                if (value.length <= 4) {
                    byte[] inline = new byte[4];
                    System.arraycopy(value, 0, inline, 0, value.length);
                    b.put(inline);
                } else {
                    b.putInt(data);
                    int entryEnd = b.position();
                    b.position(data);
                    b.put(value);
                    data += value.length + (value.length % 2);
                    b.position(entryEnd);
                }
            }
            if (exifPointer >= 0) {
                // ExifIFDPointer, LONG; sorts after the IFD0 ASCII tags used here.
                b.putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(exifPointer);
            }
            b.putInt(0);
        }
    }
}
