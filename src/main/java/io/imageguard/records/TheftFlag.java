package io.imageguard.records;

import java.time.Instant;

/**
 * Topic {@code theft-flags}: a suspect photo and the earlier photo of another seller it copies
 * (T2).
 */
public record TheftFlag(
        String id,
        Instant eventTime,
        String policyVersion,
        String suspectSellerId,
        String suspectListingId,
        String suspectImageId,
        ImageRole role,
        String ownerSellerId,
        String ownerListingId,
        String ownerImageId,
        Instant ownerPublishedAt,
        int distance,
        int threshold,
        TheftAction action,
        boolean correction)
        implements OutputEvent {
    @Override
    public String partitionKey() {
        return suspectSellerId;
    }
}
