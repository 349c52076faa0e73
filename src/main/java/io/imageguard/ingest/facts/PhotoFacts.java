package io.imageguard.ingest.facts;

import io.imageguard.ingest.fetch.ImageFormat;
import java.time.Instant;
import java.util.List;

/**
 * What a photo's bytes say about it, for the originality (C2) and same-shoot (C8) checks. Fields
 * the bytes do not carry, or that could not be read, are null; {@code notes} says why where it
 * matters (no EXIF, unreadable metadata, capture time read as UTC, ...).
 *
 * @param format the format the magic bytes show
 * @param byteSize the number of bytes
 * @param make EXIF Make (IFD0), trimmed
 * @param model EXIF Model (IFD0), trimmed
 * @param captureTime EXIF DateTimeOriginal with OffsetTimeOriginal if present, else read as UTC
 * @param software EXIF Software (IFD0), trimmed
 * @param notes human-readable remarks on missing or assumed values
 */
public record PhotoFacts(
        ImageFormat format,
        long byteSize,
        String make,
        String model,
        Instant captureTime,
        String software,
        List<String> notes) {

    public PhotoFacts {
        notes = List.copyOf(notes);
    }
}
