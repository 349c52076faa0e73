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
    INVALID_VALUE
}
