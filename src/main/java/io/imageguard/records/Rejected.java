package io.imageguard.records;

import java.time.Instant;

/**
 * Topic {@code dead-letter}: an input the job could not use, with the payload exactly as received.
 * {@code eventTime} is the input's own event time when it could be read, else null.
 */
public record Rejected(
        String id,
        Instant eventTime,
        String policyVersion,
        String sourceTopic,
        RejectReason reason,
        String detail,
        String payload)
        implements OutputEvent {
    @Override
    public String partitionKey() {
        return sourceTopic;
    }
}
