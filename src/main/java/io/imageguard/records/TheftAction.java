package io.imageguard.records;

/** What a theft flag did for the owner, by the owner's protection mode (T5). */
public enum TheftAction {
    FLAGGED,
    NOTIFIED,
    AUTO_COMPLAINT_FILED
}
