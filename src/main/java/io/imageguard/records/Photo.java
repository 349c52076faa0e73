package io.imageguard.records;

/**
 * A photo offered as evidence in a complaint: where to find it ({@code url} or {@code hash}) and
 * the file facts declared for it. {@code byteSize} is null when not declared.
 */
public record Photo(String url, String hash, String format, Long byteSize, Exif exif) {}
