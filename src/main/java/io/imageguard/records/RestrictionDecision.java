package io.imageguard.records;

import java.time.Instant;
import java.util.List;

/** Topic {@code restriction-decisions}. {@code restrictedUntil} is null when permanent. */
public record RestrictionDecision(
        String id,
        Instant eventTime,
        String policyVersion,
        String complainantId,
        RestrictionAction action,
        int yellowCards,
        Instant restrictedUntil,
        int violationsInWindow,
        List<String> complaintIds,
        String policy)
        implements OutputEvent {
    @Override
    public String partitionKey() {
        return complainantId;
    }
}
