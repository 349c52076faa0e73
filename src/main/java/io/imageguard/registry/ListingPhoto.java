package io.imageguard.registry;

import io.imageguard.records.ImageRole;
import java.time.Instant;

/**
 * One photo of a published or updated listing: what the registry looks up. {@code hash} is set when
 * the event carried it or once ingest has fetched and hashed {@code url}.
 */
public record ListingPhoto(
        String eventId,
        Instant eventTime,
        String sellerId,
        String listingId,
        String imageId,
        ImageRole role,
        String url,
        String hash,
        String watermarkId) {

    public ListingPhoto withHash(String newHash) {
        return new ListingPhoto(
                eventId, eventTime, sellerId, listingId, imageId, role, url, newHash, watermarkId);
    }

    /** Orders photos of the same instant the same way whatever their arrival order (T4). */
    String tieBreak() {
        return eventId + "\u0000" + imageId;
    }
}
