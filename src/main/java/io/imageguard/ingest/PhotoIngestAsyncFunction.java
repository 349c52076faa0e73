package io.imageguard.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.imageguard.ingest.decode.ImageDecodeException;
import io.imageguard.ingest.fetch.ImageFetchPolicy;
import io.imageguard.ingest.fetch.ImageRefusedException;
import io.imageguard.ingest.fetch.SafeImageFetcher;
import io.imageguard.records.Ids;
import io.imageguard.records.Json;
import io.imageguard.records.RejectReason;
import io.imageguard.records.Rejected;
import io.imageguard.records.Topics;
import io.imageguard.registry.ListingPhoto;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Fetches, decodes and hashes listing photos given by URL (Flink async I/O): at most {@code
 * images.capacity} photos in flight, each fetch bounded by the {@link ImageFetchPolicy} (limits,
 * address checks, redirects, retries), decode and hash on a bounded pool. A photo that cannot be
 * used becomes a dead-letter record with its own reason code; the listing's other photos go on. The
 * same URL is not fetched again within {@code images.cache-window}.
 */
public final class PhotoIngestAsyncFunction extends RichAsyncFunction<ListingPhoto, IngestedPhoto> {
    private final ImageFetchPolicy policy;
    private final int threads;
    private final Duration cacheWindow;
    private final int cacheSize;
    private final double minContrast;
    private final String policyVersion;

    private transient SafeImageFetcher fetcher;
    private transient PhotoHasher hasher;
    private transient ExecutorService pool;
    private transient Cache<String, CompletableFuture<PhotoHasher.Result>> recent;
    private transient Counter fetched;
    private transient Counter refused;

    public PhotoIngestAsyncFunction(
            ImageFetchPolicy policy,
            int threads,
            Duration cacheWindow,
            int cacheSize,
            double minContrast,
            String policyVersion) {
        this.policy = policy;
        this.threads = threads;
        this.cacheWindow = cacheWindow;
        this.cacheSize = cacheSize;
        this.minContrast = minContrast;
        this.policyVersion = policyVersion;
    }

    @Override
    public void open(OpenContext openContext) {
        fetcher = new SafeImageFetcher(policy);
        hasher = new PhotoHasher(policy.maxPixels(), minContrast);
        pool =
                Executors.newFixedThreadPool(
                        threads,
                        r -> {
                            Thread t = new Thread(r, "imageguard-ingest");
                            t.setDaemon(true);
                            return t;
                        });
        // the cache spares the network, it decides nothing: wall-clock expiry is right here
        recent = Caffeine.newBuilder().expireAfterWrite(cacheWindow).maximumSize(cacheSize).build();
        fetched = getRuntimeContext().getMetricGroup().counter("photosFetched");
        refused = getRuntimeContext().getMetricGroup().counter("photosRefused");
    }

    @Override
    public void close() throws Exception {
        if (fetcher != null) {
            fetcher.close();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Override
    public void asyncInvoke(ListingPhoto photo, ResultFuture<IngestedPhoto> result) {
        if (photo.hash() != null) {
            // a precomputed hash: its pixels are not ours to judge
            result.complete(List.of(new IngestedPhoto(photo, false, null)));
            return;
        }
        recent.get(photo.url(), this::fetchAndHash)
                .whenComplete(
                        (hashed, error) -> {
                            if (error == null) {
                                result.complete(
                                        List.of(
                                                new IngestedPhoto(
                                                        photo.withHash(hashed.hash()),
                                                        hashed.lowInformation(),
                                                        null)));
                            } else {
                                refused.inc();
                                result.complete(List.of(refusal(photo, error)));
                            }
                        });
    }

    private CompletableFuture<PhotoHasher.Result> fetchAndHash(String url) {
        return fetcher.fetchAsync(url, pool)
                .thenApplyAsync(
                        image -> {
                            fetched.inc();
                            try {
                                return hasher.hash(image.bytes());
                            } catch (ImageDecodeException e) {
                                throw new CompletionException(e);
                            }
                        },
                        pool);
    }

    @Override
    public void timeout(ListingPhoto photo, ResultFuture<IngestedPhoto> result) {
        refused.inc();
        result.complete(
                List.of(
                        new IngestedPhoto(
                                null,
                                false,
                                rejected(
                                        photo,
                                        RejectReason.IMAGE_TIMEOUT,
                                        "no result within the async operator's timeout"))));
    }

    private IngestedPhoto refusal(ListingPhoto photo, Throwable error) {
        Throwable cause =
                error instanceof CompletionException && error.getCause() != null
                        ? error.getCause()
                        : error;
        Rejected r;
        if (cause instanceof ImageRefusedException refusal) {
            r =
                    rejected(
                            photo,
                            RejectReason.valueOf("IMAGE_" + refusal.reason().name()),
                            refusal.detail());
        } else if (cause instanceof ImageDecodeException decode) {
            r = rejected(photo, RejectReason.IMAGE_UNDECODABLE, decode.getMessage());
        } else {
            r = rejected(photo, RejectReason.IMAGE_UNDECODABLE, String.valueOf(cause));
        }
        return new IngestedPhoto(null, false, r);
    }

    /** The payload names the photo: the listing event itself was accepted. */
    private Rejected rejected(ListingPhoto photo, RejectReason reason, String detail) {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("eventId", photo.eventId());
        payload.put("listingId", photo.listingId());
        payload.put("imageId", photo.imageId());
        payload.put("url", photo.url());
        return new Rejected(
                Ids.derive("rejected-image", photo.eventId(), photo.imageId(), reason.name()),
                photo.eventTime(),
                policyVersion,
                Topics.LISTINGS,
                reason,
                detail,
                Json.write(payload));
    }
}
