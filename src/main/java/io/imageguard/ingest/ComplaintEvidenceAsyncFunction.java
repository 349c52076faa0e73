package io.imageguard.ingest;

import io.imageguard.records.ComplaintEvent;
import io.imageguard.records.Ids;
import io.imageguard.records.Json;
import io.imageguard.records.Photo;
import io.imageguard.records.RejectReason;
import io.imageguard.records.Rejected;
import io.imageguard.records.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Measures the photos of complaint events (Flink async I/O): the original and the behind-the-scenes
 * photos of a filing, the accused's own original in a response. Each photo given by URL is fetched
 * safely, hashed, and its facts read from its bytes (format, size, EXIF make, model, capture time,
 * software: what C2 and C8 need). A photo that cannot be read gets a dead-letter record; the
 * complaint goes on to adjudication with that photo marked unreadable.
 */
public final class ComplaintEvidenceAsyncFunction
        extends RichAsyncFunction<ComplaintEvent, ComplaintEvidence> {
    private final IngestSettings settings;
    private final String policyVersion;
    private transient PhotoIngestor ingestor;

    public ComplaintEvidenceAsyncFunction(IngestSettings settings, String policyVersion) {
        this.settings = settings;
        this.policyVersion = policyVersion;
    }

    @Override
    public void open(OpenContext openContext) {
        ingestor = settings.ingestor(true);
    }

    @Override
    public void close() throws Exception {
        if (ingestor != null) {
            ingestor.close();
        }
    }

    private static Map<String, Photo> slots(ComplaintEvent event) {
        Map<String, Photo> slots = new LinkedHashMap<>();
        if (event.original() != null) {
            slots.put("original", event.original());
        }
        for (int i = 0; i < event.behindTheScenes().size(); i++) {
            slots.put("behindTheScenes[" + i + "]", event.behindTheScenes().get(i));
        }
        return slots;
    }

    @Override
    public void asyncInvoke(ComplaintEvent event, ResultFuture<ComplaintEvidence> result) {
        List<CompletableFuture<MeasuredPhoto>> measured = new ArrayList<>();
        slots(event).forEach((slot, photo) -> measured.add(measure(slot, photo)));
        CompletableFuture.allOf(measured.toArray(CompletableFuture[]::new))
                .whenComplete(
                        (ignored, error) -> {
                            List<MeasuredPhoto> photos = new ArrayList<>();
                            for (CompletableFuture<MeasuredPhoto> f : measured) {
                                photos.add(f.join()); // never fails: see measure
                            }
                            result.complete(List.of(evidence(event, photos)));
                        });
    }

    private CompletableFuture<MeasuredPhoto> measure(String slot, Photo p) {
        if (p.url() == null) {
            return CompletableFuture.completedFuture(given(slot, p));
        }
        return ingestor.ingest(p.url())
                .handle(
                        (ingested, error) ->
                                error == null
                                        ? new MeasuredPhoto(
                                                slot,
                                                p.url(),
                                                p.hash() != null ? p.hash() : ingested.hash(),
                                                ingested.lowInformation(),
                                                ingested.facts(),
                                                null,
                                                null)
                                        : unreadable(
                                                slot,
                                                p,
                                                PhotoIngestor.reasonOf(error),
                                                PhotoIngestor.detailOf(error)));
    }

    @Override
    public void timeout(ComplaintEvent event, ResultFuture<ComplaintEvidence> result) {
        List<MeasuredPhoto> photos = new ArrayList<>();
        slots(event)
                .forEach(
                        (slot, p) ->
                                photos.add(
                                        p.url() == null
                                                ? given(slot, p)
                                                : unreadable(
                                                        slot,
                                                        p,
                                                        RejectReason.IMAGE_TIMEOUT,
                                                        "no result within the async operator's"
                                                                + " timeout")));
        result.complete(List.of(evidence(event, photos)));
    }

    /** A photo given only by its hash: nothing to fetch, no measured facts. */
    private static MeasuredPhoto given(String slot, Photo p) {
        return new MeasuredPhoto(slot, null, p.hash(), false, null, null, null);
    }

    private static MeasuredPhoto unreadable(
            String slot, Photo p, RejectReason reason, String detail) {
        return new MeasuredPhoto(slot, p.url(), p.hash(), false, null, reason, detail);
    }

    /** The complaint with its photos, and a dead-letter record for each unreadable one. */
    private ComplaintEvidence evidence(ComplaintEvent event, List<MeasuredPhoto> photos) {
        List<Rejected> refusals = new ArrayList<>();
        for (MeasuredPhoto m : photos) {
            if (m.refusal() != null) {
                refusals.add(rejected(event, m));
            }
        }
        return new ComplaintEvidence(event, photos, refusals);
    }

    private Rejected rejected(ComplaintEvent event, MeasuredPhoto m) {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("eventId", event.eventId());
        payload.put("complaintId", event.complaintId());
        payload.put("photo", m.slot());
        payload.put("url", m.url());
        return new Rejected(
                Ids.derive("rejected-image", event.eventId(), m.slot(), m.refusal().name()),
                event.eventTime(),
                policyVersion,
                Topics.COMPLAINTS,
                m.refusal(),
                m.refusalDetail(),
                Json.write(payload));
    }
}
