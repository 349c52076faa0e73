package io.imageguard.records;

import java.time.Instant;
import java.util.List;

/** Topic {@code enforcement-actions}. */
public record EnforcementAction(
        String id,
        Instant eventTime,
        String policyVersion,
        String sellerId,
        String listingId,
        EnforcementActionType action,
        List<String> imageIds,
        int points,
        String complaintId)
        implements OutputEvent {
    @Override
    public String partitionKey() {
        return sellerId;
    }
}
