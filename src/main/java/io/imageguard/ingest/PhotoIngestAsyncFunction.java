package io.imageguard.ingest;

import io.imageguard.records.Ids;
import io.imageguard.records.Json;
import io.imageguard.records.RejectReason;
import io.imageguard.records.Rejected;
import io.imageguard.records.Topics;
import io.imageguard.registry.ListingPhoto;
import io.imageguard.registry.RegistryHash;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Fetches, decodes and hashes listing photos given by URL (Flink async I/O, at most {@code
 * images.capacity} in flight, through a {@link PhotoIngestor}). A photo that cannot be used becomes
 * a dead-letter record with its own reason code; the listing's other photos go on.
 */
public final class PhotoIngestAsyncFunction extends RichAsyncFunction<ListingPhoto, IngestedPhoto> {
    private final IngestSettings settings;
    private final String policyVersion;

    private transient PhotoIngestor ingestor;
    private transient Counter refused;

    public PhotoIngestAsyncFunction(IngestSettings settings, String policyVersion) {
        this.settings = settings;
        this.policyVersion = policyVersion;
    }

    @Override
    public void open(OpenContext openContext) {
        ingestor = settings.ingestor(false);
        refused = getRuntimeContext().getMetricGroup().counter("photosRefused");
    }

    @Override
    public void close() throws Exception {
        if (ingestor != null) {
            ingestor.close();
        }
    }

    @Override
    public void asyncInvoke(ListingPhoto photo, ResultFuture<IngestedPhoto> result) {
        if (photo.hash() != null) {
            // a precomputed hash: its pixels are not ours to judge, its form is
            result.complete(
                    List.of(
                            RegistryHash.isIndexable(photo.hash())
                                    ? new IngestedPhoto(photo, false, null)
                                    : refusal(
                                            photo,
                                            RejectReason.INVALID_VALUE,
                                            "hash is neither the matcher's views (dct64-w:…,"
                                                    + " dct256-w:…, …) nor phash64:<16 hex digits>")));
            return;
        }
        ingestor.ingest(photo.url())
                .whenComplete(
                        (ingested, error) -> {
                            if (error == null) {
                                result.complete(
                                        List.of(
                                                new IngestedPhoto(
                                                        photo.withHash(ingested.hash()),
                                                        ingested.lowInformation(),
                                                        null)));
                            } else {
                                refused.inc();
                                result.complete(
                                        List.of(
                                                refusal(
                                                        photo,
                                                        PhotoIngestor.reasonOf(error),
                                                        PhotoIngestor.detailOf(error))));
                            }
                        });
    }

    @Override
    public void timeout(ListingPhoto photo, ResultFuture<IngestedPhoto> result) {
        refused.inc();
        result.complete(
                List.of(
                        refusal(
                                photo,
                                RejectReason.IMAGE_TIMEOUT,
                                "no result within the async operator's timeout")));
    }

    /** The payload names the photo: the listing event itself was accepted. */
    private IngestedPhoto refusal(ListingPhoto photo, RejectReason reason, String detail) {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("eventId", photo.eventId());
        payload.put("listingId", photo.listingId());
        payload.put("imageId", photo.imageId());
        payload.put("url", photo.url());
        return new IngestedPhoto(
                null,
                false,
                new Rejected(
                        Ids.derive(
                                "rejected-image", photo.eventId(), photo.imageId(), reason.name()),
                        photo.eventTime(),
                        policyVersion,
                        Topics.LISTINGS,
                        reason,
                        detail,
                        Json.write(payload)));
    }
}
