package io.imageguard.records;

/** Event types of the {@code complaints} topic. */
public enum ComplaintEventType {
    COMPLAINT_FILED,
    ACCUSED_RESPONSE,
    COMPLAINT_WITHDRAWN
}
