package io.imageguard.registry;

import io.imageguard.records.ImageRole;
import java.time.Instant;

/**
 * A photo as a registry shard keeps it in state: who published it where and when, and its hash in
 * {@link HashCodec}'s binary form (no JSON, no hash text in state).
 */
public record RegistryEntry(
        String eventId,
        Instant eventTime,
        String sellerId,
        String listingId,
        String imageId,
        ImageRole role,
        String watermarkId,
        byte[] hash) {

    static RegistryEntry of(ListingPhoto p) {
        return new RegistryEntry(
                p.eventId(),
                p.eventTime(),
                p.sellerId(),
                p.listingId(),
                p.imageId(),
                p.role(),
                p.watermarkId(),
                HashCodec.encode(p.hash()));
    }

    ListingPhoto photo() {
        return new ListingPhoto(
                eventId,
                eventTime,
                sellerId,
                listingId,
                imageId,
                role,
                null,
                HashCodec.decode(hash),
                watermarkId);
    }
}
