package io.imageguard.ingest.facts;

import com.drew.imaging.FileType;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import io.imageguard.ingest.fetch.FetchedImage;
import io.imageguard.ingest.fetch.ImageFormat;
import java.io.ByteArrayInputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link PhotoFacts} from image bytes with metadata-extractor. Call it only on bytes whose
 * format was established by magic bytes ({@link FetchedImage}); it never throws on hostile input: a
 * failure of the library yields facts without the EXIF fields and a note.
 *
 * <p>Capture time: EXIF {@code DateTimeOriginal} is a local time without zone. If {@code
 * OffsetTimeOriginal} (EXIF 2.31) is present it gives the offset; otherwise the local time is read
 * as UTC and a note says so — a capture time may then be off by the camera's UTC offset (at most 14
 * hours).
 *
 * <p>Stateless and thread-safe.
 */
public final class PhotoFactsReader {

    private static final Pattern EXIF_DATE_TIME =
            Pattern.compile("(\\d{4})[:-](\\d{2})[:-](\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2}).*");

    private PhotoFactsReader() {}

    public static PhotoFacts read(FetchedImage image) {
        return read(image.bytes(), image.format());
    }

    /** Facts of {@code bytes}, whose format {@code format} the magic bytes showed. */
    public static PhotoFacts read(byte[] bytes, ImageFormat format) {
        List<String> notes = new ArrayList<>();
        Metadata metadata;
        try {
            metadata =
                    ImageMetadataReader.readMetadata(
                            new ByteArrayInputStream(bytes), bytes.length, fileType(format));
        } catch (Exception e) {
            // The library's own exceptions and its runtime slips on malformed data alike.
            notes.add(
                    "metadata unreadable: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return new PhotoFacts(format, bytes.length, null, null, null, null, notes);
        }
        for (Directory directory : metadata.getDirectories()) {
            for (String error : directory.getErrors()) {
                notes.add(directory.getName() + ": " + error);
            }
        }
        String make = text(metadata, ExifIFD0Directory.class, ExifDirectoryBase.TAG_MAKE);
        String model = text(metadata, ExifIFD0Directory.class, ExifDirectoryBase.TAG_MODEL);
        String software = text(metadata, ExifIFD0Directory.class, ExifDirectoryBase.TAG_SOFTWARE);
        Instant captureTime = captureTime(metadata, notes);
        if (make == null && model == null && software == null && captureTime == null) {
            notes.add("no EXIF camera fields");
        }
        return new PhotoFacts(format, bytes.length, make, model, captureTime, software, notes);
    }

    private static Instant captureTime(Metadata metadata, List<String> notes) {
        String local =
                text(metadata, ExifSubIFDDirectory.class, ExifDirectoryBase.TAG_DATETIME_ORIGINAL);
        if (local == null) {
            return null;
        }
        Matcher m = EXIF_DATE_TIME.matcher(local);
        LocalDateTime dateTime;
        try {
            if (!m.matches()) {
                throw new DateTimeException("not an EXIF date-time");
            }
            dateTime =
                    LocalDateTime.of(
                            Integer.parseInt(m.group(1)),
                            Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)),
                            Integer.parseInt(m.group(4)),
                            Integer.parseInt(m.group(5)),
                            Integer.parseInt(m.group(6)));
        } catch (DateTimeException e) {
            notes.add("DateTimeOriginal '" + local + "' unreadable");
            return null;
        }
        String offset =
                text(metadata, ExifSubIFDDirectory.class, ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL);
        if (offset != null) {
            try {
                return dateTime.toInstant(ZoneOffset.of(offset));
            } catch (DateTimeException e) {
                notes.add(
                        "OffsetTimeOriginal '" + offset + "' unreadable; capture time read as UTC");
                return dateTime.toInstant(ZoneOffset.UTC);
            }
        }
        notes.add("no OffsetTimeOriginal; capture time read as UTC");
        return dateTime.toInstant(ZoneOffset.UTC);
    }

    /** The first non-blank value of the tag among directories of the type, trimmed of padding. */
    private static String text(Metadata metadata, Class<? extends Directory> type, int tag) {
        for (Directory directory : metadata.getDirectoriesOfType(type)) {
            String value = directory.getString(tag);
            if (value != null) {
                String trimmed = value.replace('\0', ' ').strip();
                if (!trimmed.isEmpty()) {
                    return trimmed;
                }
            }
        }
        return null;
    }

    private static FileType fileType(ImageFormat format) {
        switch (format) {
            case JPEG:
                return FileType.Jpeg;
            case PNG:
                return FileType.Png;
            case GIF:
                return FileType.Gif;
            case WEBP:
                return FileType.WebP;
            case BMP:
                return FileType.Bmp;
            default:
                throw new AssertionError(format);
        }
    }
}
