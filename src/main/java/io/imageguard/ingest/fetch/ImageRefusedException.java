package io.imageguard.ingest.fetch;

/**
 * An image the ingest path will not take: a stable {@link RefusalReason} for dead-letter records
 * and metrics, and a human detail (never containing the response body).
 */
public final class ImageRefusedException extends Exception {

    private final RefusalReason reason;
    private final boolean transientFailure;

    public ImageRefusedException(RefusalReason reason, String detail) {
        this(reason, detail, false, null);
    }

    ImageRefusedException(
            RefusalReason reason, String detail, boolean transientFailure, Throwable cause) {
        super(reason + ": " + detail, cause);
        this.reason = reason;
        this.transientFailure = transientFailure;
    }

    public RefusalReason reason() {
        return reason;
    }

    /** The detail without the reason code prefix. */
    public String detail() {
        return getMessage().substring(reason.name().length() + 2);
    }

    /** Whether a later attempt may succeed (timeouts, 5xx, broken connections). */
    boolean isTransient() {
        return transientFailure;
    }
}
