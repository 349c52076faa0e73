package io.imageguard.records;

import java.time.Instant;

/** EXIF facts of a photo as declared (or, where the bytes are read, as measured). All optional. */
public record Exif(String make, String model, Instant captureTime, String software) {}
