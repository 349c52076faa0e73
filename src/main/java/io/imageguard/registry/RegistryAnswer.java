package io.imageguard.registry;

/**
 * What a registry shard found, addressed to one photo (keyed by {@link #photoKey()}).
 *
 * <p>A <b>lookup answer</b> ({@code correctionNotice} false): one of the {@code shards} answers to
 * the lookup of {@code photo} (event {@code photo.eventId()}), with the earliest earlier photo of
 * that shard within the radius ({@code match}, null if none), and whether the shard holds later
 * near-duplicates (only for a late photo, T4).
 *
 * <p>A <b>correction notice</b> ({@code correctionNotice} true): a late photo {@code match},
 * published before {@code photo}, turned out to be its near-duplicate (T4).
 */
public record RegistryAnswer(
        ListingPhoto photo,
        ListingPhoto match,
        int distance,
        int threshold,
        int shards,
        boolean laterMatches,
        boolean correctionNotice) {

    /** The photo as a listing shows it: seller, listing, image. */
    public String photoKey() {
        return keyOf(photo);
    }

    public static String keyOf(ListingPhoto p) {
        return p.sellerId() + "\u0000" + p.listingId() + "\u0000" + p.imageId();
    }
}
