package io.imageguard.records;

/** Why an input cannot be used; becomes a {@link Rejected} on {@code dead-letter}. */
public final class RejectedInputException extends Exception {
    private final RejectReason reason;

    public RejectedInputException(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
