package io.imageguard.records;

import java.time.Instant;
import java.util.List;

/**
 * A record of the {@code complaints} topic. Fields that a type does not carry are null (for
 * ACCUSED_RESPONSE and COMPLAINT_WITHDRAWN: the filing-only fields; for COMPLAINT_WITHDRAWN also
 * {@code original}); {@code behindTheScenes} is never null.
 */
public record ComplaintEvent(
        ComplaintEventType type,
        String eventId,
        Instant eventTime,
        String complaintId,
        String complainantId,
        Boolean complainantIsSeller,
        String accusedSellerId,
        String accusedListingId,
        ComplaintOrigin origin,
        Photo original,
        List<Photo> behindTheScenes,
        Boolean faceModelShown,
        Boolean modelProofProvided,
        String complainantWatermarkId) {}
