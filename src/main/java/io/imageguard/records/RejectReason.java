package io.imageguard.records;

/** Reason codes of {@code dead-letter} records. Stable: enforcement tooling matches on them. */
public enum RejectReason {
    /** The record exceeds {@code input.max-record-bytes}. */
    OVERSIZE,
    /** The bytes are not valid UTF-8. */
    NOT_UTF8,
    /** Not a JSON object. */
    NOT_JSON,
    /** {@code type} is missing or names no event of the contract. */
    UNKNOWN_TYPE,
    /** The type belongs to another topic than the one it arrived on. */
    WRONG_TOPIC,
    MISSING_FIELD,
    WRONG_TYPE,
    UNKNOWN_ENUM,
    BAD_TIMESTAMP,
    /** Well-typed but not allowed (blank id, negative size, image with neither url nor hash). */
    INVALID_VALUE,

    // A listing photo that could not be used; the listing's other photos go on.
    IMAGE_BAD_URL,
    IMAGE_SCHEME_NOT_ALLOWED,
    IMAGE_FILE_OUTSIDE_ROOTS,
    IMAGE_FORBIDDEN_HOST,
    /** Loopback, private, link-local, CGNAT, multicast and the like, also behind a redirect. */
    IMAGE_FORBIDDEN_ADDRESS,
    IMAGE_TOO_MANY_REDIRECTS,
    IMAGE_HTTP_STATUS,
    IMAGE_TIMEOUT,
    IMAGE_TOO_LARGE,
    IMAGE_NOT_AN_IMAGE,
    IMAGE_FORMAT_MISMATCH,
    /** Width × height from the header beyond {@code images.max-pixels}: a decompression bomb. */
    IMAGE_TOO_MANY_PIXELS,
    IMAGE_UNREACHABLE,
    /** Passed the checks but its data cannot be decoded (corrupt, truncated, unsupported). */
    IMAGE_UNDECODABLE
}
