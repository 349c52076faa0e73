package io.imageguard.ingest.decode;

/**
 * An image could not be decoded. {@link #reason()} says why in a form the ingest path can turn into
 * a dead-letter reason code; the message adds the detail for a human.
 */
public final class ImageDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why decoding was refused. */
    public enum Reason {
        /** The magic bytes match no format this decoder reads. */
        UNKNOWN_FORMAT,
        /** A well-formed file using a feature this decoder does not handle (e.g. CMYK, 12-bit). */
        UNSUPPORTED,
        /** The header declares more pixels than the caller's limit; refused before decoding. */
        TOO_MANY_PIXELS,
        /** The data ends before the image does. */
        TRUNCATED,
        /** The data is malformed. */
        CORRUPT
    }

    private final Reason reason;

    public ImageDecodeException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public ImageDecodeException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
