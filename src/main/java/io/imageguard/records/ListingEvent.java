package io.imageguard.records;

import java.time.Instant;
import java.util.List;

/** A record of the {@code listings} topic. {@code images} is empty for LISTING_REMOVED. */
public record ListingEvent(
        ListingEventType type,
        String eventId,
        Instant eventTime,
        String listingId,
        String sellerId,
        List<ListingImage> images) {}
