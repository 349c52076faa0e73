package io.imageguard.records;

/**
 * One image of a listing. Exactly one of {@code url} and {@code hash} is set by the parser's rules:
 * where both arrive, the precomputed hash is used and the URL is kept for reference.
 *
 * @param watermarkId the platform watermark detected on the image upstream, or null
 */
public record ListingImage(
        String imageId, ImageRole role, String url, String hash, String watermarkId) {}
