package io.imageguard.ingest;

import io.imageguard.ingest.fetch.ImageFetchPolicy;
import java.io.Serializable;
import java.time.Duration;

/** Everything an ingest operator needs to build its {@link PhotoIngestor} in {@code open}. */
public record IngestSettings(
        ImageFetchPolicy policy,
        int threads,
        Duration cacheWindow,
        int cacheSize,
        double minContrast,
        int hashInputSide)
        implements Serializable {

    /**
     * @param readFacts read format, size and EXIF from the bytes too (complaint photos: C2, C8);
     *     listing photos need only their hash
     */
    PhotoIngestor ingestor(boolean readFacts) {
        return new PhotoIngestor(
                policy,
                threads,
                cacheWindow,
                cacheSize,
                new PhotoHasher(policy.maxPixels(), minContrast, hashInputSide),
                readFacts);
    }

    /** The async operator's timeout: past every attempt, backoff and redirect of the fetcher. */
    public long timeoutMillis() {
        return policy.worstCaseDuration().plusSeconds(10).toMillis();
    }
}
