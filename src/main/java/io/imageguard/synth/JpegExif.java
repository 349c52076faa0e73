package io.imageguard.synth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a minimal EXIF block (APP1 segment) into JPEG bytes: camera make and model, software, and
 * the capture time as DateTimeOriginal with OffsetTimeOriginal "+00:00", so a reader gets an
 * unambiguous UTC instant. Null fields are left out. Only what the complaint checks read (C2, C8)
 * is written; no thumbnail, no maker notes.
 */
public final class JpegExif {
    private static final DateTimeFormatter EXIF_TIME =
            DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int TAG_MAKE = 0x010F;
    private static final int TAG_MODEL = 0x0110;
    private static final int TAG_SOFTWARE = 0x0131;
    private static final int TAG_DATETIME = 0x0132;
    private static final int TAG_EXIF_IFD = 0x8769;
    private static final int TAG_DATETIME_ORIGINAL = 0x9003;
    private static final int TAG_OFFSET_TIME_ORIGINAL = 0x9011;
    private static final int TYPE_ASCII = 2;
    private static final int TYPE_LONG = 4;

    private JpegExif() {}

    /**
     * The JPEG with an EXIF APP1 segment inserted after SOI (and after a leading JFIF APP0, so the
     * JFIF marker stays first where the encoder wrote one).
     */
    public static byte[] insert(
            byte[] jpeg, String make, String model, String software, Instant captureTime) {
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG");
        }
        int at = 2;
        if ((jpeg[2] & 0xff) == 0xFF && (jpeg[3] & 0xff) == 0xE0) {
            at = 4 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff));
        }
        byte[] tiff = tiff(make, model, software, captureTime);
        int length = 2 + 6 + tiff.length;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("EXIF block too large");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + length + 2);
        out.write(jpeg, 0, at);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(tiff);
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    /** A big-endian TIFF structure: IFD0 (make, model, software, time, EXIF pointer), EXIF IFD. */
    private static byte[] tiff(String make, String model, String software, Instant captureTime) {
        List<Entry> ifd0 = new ArrayList<>();
        addAscii(ifd0, TAG_MAKE, make);
        addAscii(ifd0, TAG_MODEL, model);
        addAscii(ifd0, TAG_SOFTWARE, software);
        List<Entry> exif = new ArrayList<>();
        if (captureTime != null) {
            String time = EXIF_TIME.format(captureTime);
            addAscii(ifd0, TAG_DATETIME, time);
            addAscii(exif, TAG_DATETIME_ORIGINAL, time);
            addAscii(exif, TAG_OFFSET_TIME_ORIGINAL, "+00:00");
        }
        int ifd0Offset = 8;
        int exifOffset = 0;
        if (!exif.isEmpty()) {
            // The pointer is one more IFD0 entry; its size is fixed, so offsets are known now.
            ifd0.add(new Entry(TAG_EXIF_IFD, TYPE_LONG, 1, new byte[4]));
            exifOffset = ifd0Offset + size(ifd0);
            ifd0.set(ifd0.size() - 1, new Entry(TAG_EXIF_IFD, TYPE_LONG, 1, int32(exifOffset)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'M', 'M', 0, 42});
        out.writeBytes(int32(ifd0Offset));
        writeIfd(out, ifd0, ifd0Offset);
        if (!exif.isEmpty()) {
            writeIfd(out, exif, exifOffset);
        }
        return out.toByteArray();
    }

    private record Entry(int tag, int type, int count, byte[] value) {}

    private static void addAscii(List<Entry> ifd, int tag, String value) {
        if (value != null) {
            byte[] s = value.getBytes(StandardCharsets.US_ASCII);
            byte[] z = new byte[s.length + 1];
            System.arraycopy(s, 0, z, 0, s.length);
            ifd.add(new Entry(tag, TYPE_ASCII, z.length, z));
        }
    }

    /** Bytes of an IFD: count, 12-byte entries, next-IFD offset, then values over 4 bytes. */
    private static int size(List<Entry> ifd) {
        int size = 2 + 12 * ifd.size() + 4;
        for (Entry e : ifd) {
            size += e.value.length > 4 ? e.value.length + (e.value.length & 1) : 0;
        }
        return size;
    }

    private static void writeIfd(ByteArrayOutputStream out, List<Entry> ifd, int offset) {
        out.write(ifd.size() >> 8);
        out.write(ifd.size() & 0xff);
        int data = offset + 2 + 12 * ifd.size() + 4;
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        for (Entry e : ifd) {
            out.write(e.tag >> 8);
            out.write(e.tag & 0xff);
            out.write(e.type >> 8);
            out.write(e.type & 0xff);
            out.writeBytes(int32(e.count));
            if (e.value.length <= 4) {
                byte[] inline = new byte[4];
                System.arraycopy(e.value, 0, inline, 0, e.value.length);
                out.writeBytes(inline);
            } else {
                out.writeBytes(int32(data + values.size()));
                values.writeBytes(e.value);
                if ((e.value.length & 1) == 1) {
                    values.write(0); // TIFF values start on word boundaries
                }
            }
        }
        out.writeBytes(int32(0));
        out.writeBytes(values.toByteArray());
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
