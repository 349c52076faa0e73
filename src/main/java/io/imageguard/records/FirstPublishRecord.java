package io.imageguard.records;

import java.time.Instant;

/**
 * Topic {@code first-publish}: the registry's changelog (T1), corrected records when T4 demands.
 */
public record FirstPublishRecord(
        String id,
        Instant eventTime,
        String policyVersion,
        String hash,
        String sellerId,
        String listingId,
        String imageId,
        Instant publishedAt,
        boolean correction)
        implements OutputEvent {
    @Override
    public String partitionKey() {
        return sellerId;
    }
}
