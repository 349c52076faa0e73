package io.imageguard.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.imageguard.ingest.decode.ImageDecodeException;
import io.imageguard.ingest.facts.PhotoFacts;
import io.imageguard.ingest.facts.PhotoFactsReader;
import io.imageguard.ingest.fetch.ImageFetchPolicy;
import io.imageguard.ingest.fetch.ImageRefusedException;
import io.imageguard.ingest.fetch.SafeImageFetcher;
import io.imageguard.records.RejectReason;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Fetches a photo safely ({@link SafeImageFetcher}), reads its facts (format, size, EXIF) and
 * hashes it ({@link PhotoHasher}), on a bounded pool. One per parallel instance of an ingest
 * operator; thread-safe. The same URL is not fetched again within the cache window: the cache
 * spares the network and decides nothing, so its expiry is by wall clock.
 */
public final class PhotoIngestor implements AutoCloseable {
    /** What ingest learned of one photo; {@code facts} is null unless facts are read. */
    public record Ingested(String hash, boolean lowInformation, PhotoFacts facts) {}

    private final SafeImageFetcher fetcher;
    private final PhotoHasher hasher;
    private final boolean readFacts;
    private final ExecutorService pool;
    private final Cache<String, CompletableFuture<Ingested>> recent;

    public PhotoIngestor(
            ImageFetchPolicy policy,
            int threads,
            Duration cacheWindow,
            int cacheSize,
            PhotoHasher hasher,
            boolean readFacts) {
        this.fetcher = new SafeImageFetcher(policy);
        this.hasher = hasher;
        this.readFacts = readFacts;
        this.pool =
                Executors.newFixedThreadPool(
                        threads,
                        r -> {
                            Thread t = new Thread(r, "imageguard-ingest");
                            t.setDaemon(true);
                            return t;
                        });
        this.recent =
                Caffeine.newBuilder().expireAfterWrite(cacheWindow).maximumSize(cacheSize).build();
    }

    public CompletableFuture<Ingested> ingest(String url) {
        return recent.get(url, this::fetchAndHash);
    }

    private CompletableFuture<Ingested> fetchAndHash(String url) {
        return fetcher.fetchAsync(url, pool)
                .thenApplyAsync(
                        image -> {
                            try {
                                PhotoHasher.Result hashed = hasher.hash(image.bytes());
                                return new Ingested(
                                        hashed.hash(),
                                        hashed.lowInformation(),
                                        readFacts ? PhotoFactsReader.read(image) : null);
                            } catch (ImageDecodeException e) {
                                throw new CompletionException(e);
                            }
                        },
                        pool);
    }

    /** The dead-letter reason of a failed {@link #ingest}. */
    public static RejectReason reasonOf(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof ImageRefusedException refusal) {
            return RejectReason.valueOf("IMAGE_" + refusal.reason().name());
        }
        if (cause instanceof ImageDecodeException decode
                && decode.reason() == ImageDecodeException.Reason.TOO_MANY_PIXELS) {
            return RejectReason.IMAGE_TOO_MANY_PIXELS;
        }
        return RejectReason.IMAGE_UNDECODABLE;
    }

    /** A human-readable account of a failed {@link #ingest}. */
    public static String detailOf(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof ImageRefusedException refusal) {
            return refusal.detail();
        }
        return String.valueOf(cause.getMessage());
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public void close() throws java.io.IOException {
        pool.shutdownNow();
        fetcher.close();
    }
}
