package io.imageguard.registry;

import io.imageguard.pipeline.EventTimeBuffer;
import io.imageguard.records.FirstPublishRecord;
import io.imageguard.records.Ids;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * First-publish registry over exact hashes, keyed by hash text: the first photo (by event time)
 * with a hash becomes its first-publish record (T1); a later photo of another seller with the same
 * hash is a theft candidate (T2), once per suspect photo; the same seller re-using its own photo is
 * not theft. Near-duplicate matching (a Hamming-radius index) replaces the exact key with issue #6.
 *
 * <p>Photos are processed in event-time order once the watermark passes them (T4). A photo later
 * than the watermark is processed on arrival; if it turns out to be the true first publisher,
 * corrected records are emitted ({@code correction: true}): nothing dropped, nothing silently
 * rewritten.
 */
public final class ExactHashRegistryProcessFunction
        extends KeyedProcessFunction<String, ListingPhoto, FirstPublishRecord> {
    public static final OutputTag<TheftCandidate> CANDIDATES =
            new OutputTag<>("theft-candidates", TypeInformation.of(TheftCandidate.class));

    private static final TypeInformation<ListingPhoto> PHOTO =
            TypeInformation.of(ListingPhoto.class);
    private static final ValueStateDescriptor<ListingPhoto> OWNER =
            new ValueStateDescriptor<>("owner", PHOTO);

    /** Suspect photos flagged against the owner, by seller, listing and image. */
    private static final MapStateDescriptor<String, ListingPhoto> FLAGGED =
            new MapStateDescriptor<>("flagged", Types.STRING, PHOTO);

    /** Publish order: event time, then a total order on the photos (T4). */
    static final Comparator<ListingPhoto> EARLIER =
            Comparator.comparing(ListingPhoto::eventTime).thenComparing(ListingPhoto::tieBreak);

    private static final MapStateDescriptor<Long, List<ListingPhoto>> PENDING =
            EventTimeBuffer.descriptor("pending", PHOTO);

    private final String policyVersion;
    private transient ValueState<ListingPhoto> owner;
    private transient MapState<String, ListingPhoto> flagged;
    private transient EventTimeBuffer<ListingPhoto> pending;

    public ExactHashRegistryProcessFunction(String policyVersion) {
        this.policyVersion = policyVersion;
    }

    @Override
    public void open(OpenContext openContext) {
        owner = getRuntimeContext().getState(OWNER);
        flagged = getRuntimeContext().getMapState(FLAGGED);
        pending = EventTimeBuffer.of(getRuntimeContext().getMapState(PENDING), EARLIER);
    }

    @Override
    public void processElement(ListingPhoto photo, Context ctx, Collector<FirstPublishRecord> out)
            throws Exception {
        long time = photo.eventTime().toEpochMilli();
        if (time <= ctx.timerService().currentWatermark()) {
            register(photo, true, ctx, out);
        } else {
            pending.add(time, photo, ctx.timerService());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FirstPublishRecord> out)
            throws Exception {
        for (ListingPhoto photo : pending.take(timestamp)) {
            register(photo, false, ctx, out);
        }
    }

    private void register(
            ListingPhoto photo, boolean late, Context ctx, Collector<FirstPublishRecord> out)
            throws Exception {
        ListingPhoto first = owner.value();
        if (first == null) {
            owner.update(photo);
            out.collect(firstPublish(photo, false));
        } else if (late && EARLIER.compare(photo, first) < 0) {
            correctOwner(photo, first, ctx, out);
        } else {
            candidate(photo, first, false, ctx);
        }
    }

    /**
     * T4: a photo later than the out-of-orderness bound was published before the registered owner.
     * It becomes the owner (a corrected first-publish record), and the previous owner and every
     * photo flagged against it are flagged again against the true owner, as corrections.
     */
    private void correctOwner(
            ListingPhoto trueOwner,
            ListingPhoto previous,
            Context ctx,
            Collector<FirstPublishRecord> out)
            throws Exception {
        owner.update(trueOwner);
        out.collect(firstPublish(trueOwner, true));
        List<ListingPhoto> copies = new ArrayList<>();
        copies.add(previous);
        for (ListingPhoto suspect : flagged.values()) {
            copies.add(suspect);
        }
        copies.sort(EARLIER);
        for (ListingPhoto copy : copies) {
            candidate(copy, trueOwner, true, ctx);
        }
    }

    private void candidate(
            ListingPhoto suspect, ListingPhoto first, boolean correction, Context ctx)
            throws Exception {
        if (first.sellerId().equals(suspect.sellerId())) {
            return; // T2: a seller re-using its own photo is not theft
        }
        String key =
                suspect.sellerId() + "\u0000" + suspect.listingId() + "\u0000" + suspect.imageId();
        if (!correction && flagged.contains(key)) {
            return; // re-publishing or updating the listing does not re-flag
        }
        flagged.put(key, suspect);
        ctx.output(CANDIDATES, new TheftCandidate(suspect, first, 0, 0, correction));
    }

    private FirstPublishRecord firstPublish(ListingPhoto photo, boolean correction) {
        return new FirstPublishRecord(
                Ids.derive(
                        "first-publish",
                        photo.hash(),
                        photo.imageId(),
                        photo.listingId(),
                        photo.sellerId(),
                        correction ? "correction" : "original"),
                photo.eventTime(),
                policyVersion,
                photo.hash(),
                photo.sellerId(),
                photo.listingId(),
                photo.imageId(),
                photo.eventTime(),
                correction);
    }
}
