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

    PhotoIngestor ingestor() {
        return new PhotoIngestor(
                policy,
                threads,
                cacheWindow,
                cacheSize,
                new PhotoHasher(policy.maxPixels(), minContrast, hashInputSide));
    }

    /** The async operator's timeout: past every attempt, backoff and redirect of the fetcher. */
    public long timeoutMillis() {
        return policy.worstCaseDuration().plusSeconds(10).toMillis();
    }
}
