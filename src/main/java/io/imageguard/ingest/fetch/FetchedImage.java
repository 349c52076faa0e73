package io.imageguard.ingest.fetch;

/**
 * An image that passed every check of {@link SafeImageFetcher}: its bytes (at most the configured
 * limit; the array is handed over, not copied, so do not modify it), the format its magic bytes
 * show, the URL it was finally read from (after redirects) and the dimensions its header states
 * (within the pixel limit).
 */
public record FetchedImage(
        byte[] bytes, ImageFormat format, String finalUrl, int width, int height) {

    public long byteSize() {
        return bytes.length;
    }
}
