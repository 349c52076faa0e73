package io.imageguard.registry;

import io.imageguard.records.ImageRole;
import java.time.Instant;

/** One photo of a published or updated listing, with its hash: what the registry looks up. */
public record ListingPhoto(
        String eventId,
        Instant eventTime,
        String sellerId,
        String listingId,
        String imageId,
        ImageRole role,
        String hash,
        String watermarkId) {

    /** Orders photos of the same instant the same way whatever their arrival order (T4). */
    String tieBreak() {
        return eventId + "\u0000" + imageId;
    }
}
