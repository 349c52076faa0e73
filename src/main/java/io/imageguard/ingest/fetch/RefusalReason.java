package io.imageguard.ingest.fetch;

/**
 * Why an image was not fetched. The names are stable codes: they go into {@code dead-letter}
 * records and metrics, so rename none of them.
 */
public enum RefusalReason {
    /** The URL does not parse, has no host, carries credentials or an ambiguous numeric host. */
    BAD_URL,
    /** The scheme is not allowed ({@code file} is off unless file roots are configured). */
    SCHEME_NOT_ALLOWED,
    /** A {@code file} URL points outside every configured root (symbolic links resolved). */
    FILE_OUTSIDE_ROOTS,
    /** The host is not on the configured host allow-list. */
    FORBIDDEN_HOST,
    /** The host is or resolves to a loopback, private, link-local or other non-public address. */
    FORBIDDEN_ADDRESS,
    /** More redirects than allowed, or a redirect without a usable {@code Location}. */
    TOO_MANY_REDIRECTS,
    /** A response status other than 2xx or a followed redirect. */
    HTTP_STATUS,
    /** Connect, read or total time ran out. */
    TIMEOUT,
    /** More bytes than allowed (declared or actually sent). */
    TOO_LARGE,
    /** The bytes do not start like a supported image, or its header is unreadable. */
    NOT_AN_IMAGE,
    /** The Content-Type or the file extension names another format than the bytes are. */
    FORMAT_MISMATCH,
    /** The header claims more pixels than allowed (decompression bomb guard). */
    TOO_MANY_PIXELS,
    /** The host is unknown, refused the connection, or the transfer broke. */
    UNREACHABLE
}
