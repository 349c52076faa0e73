package io.imageguard.registry;

import io.imageguard.records.ImageRole;
import java.time.Instant;
import java.util.Comparator;

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

    /** Publish order: event time, then a total order on photos of the same instant (T4). */
    public static final Comparator<ListingPhoto> PUBLISH_ORDER =
            Comparator.comparing(ListingPhoto::eventTime).thenComparing(ListingPhoto::tieBreak);

    /** Orders photos of the same instant the same way whatever their arrival order (T4). */
    String tieBreak() {
        return eventId + "\u0000" + imageId;
    }
}
