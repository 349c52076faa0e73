package io.imageguard.registry;

import io.imageguard.pipeline.EventTimeBuffer;
import io.imageguard.records.FirstPublishRecord;
import io.imageguard.records.Ids;
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
 * than the watermark is processed on arrival against the registry as it stands; emitting
 * corrections when such a photo turns out to be the true first publisher lands with #6.
 */
public final class ExactHashRegistryProcessFunction
        extends KeyedProcessFunction<String, ListingPhoto, FirstPublishRecord> {
    public static final OutputTag<TheftCandidate> CANDIDATES =
            new OutputTag<>("theft-candidates", TypeInformation.of(TheftCandidate.class));

    private static final TypeInformation<ListingPhoto> PHOTO =
            TypeInformation.of(ListingPhoto.class);
    private static final ValueStateDescriptor<ListingPhoto> OWNER =
            new ValueStateDescriptor<>("owner", PHOTO);
    private static final MapStateDescriptor<String, Boolean> FLAGGED =
            new MapStateDescriptor<>("flagged", Types.STRING, Types.BOOLEAN);
    private static final MapStateDescriptor<Long, List<ListingPhoto>> PENDING =
            EventTimeBuffer.descriptor("pending", PHOTO);

    private final String policyVersion;
    private transient ValueState<ListingPhoto> owner;
    private transient MapState<String, Boolean> flagged;
    private transient EventTimeBuffer<ListingPhoto> pending;

    public ExactHashRegistryProcessFunction(String policyVersion) {
        this.policyVersion = policyVersion;
    }

    @Override
    public void open(OpenContext openContext) {
        owner = getRuntimeContext().getState(OWNER);
        flagged = getRuntimeContext().getMapState(FLAGGED);
        pending =
                EventTimeBuffer.of(
                        getRuntimeContext().getMapState(PENDING),
                        Comparator.comparing(ListingPhoto::tieBreak));
    }

    @Override
    public void processElement(ListingPhoto photo, Context ctx, Collector<FirstPublishRecord> out)
            throws Exception {
        long time = photo.eventTime().toEpochMilli();
        if (time <= ctx.timerService().currentWatermark()) {
            register(photo, ctx, out);
        } else {
            pending.add(time, photo, ctx.timerService());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FirstPublishRecord> out)
            throws Exception {
        for (ListingPhoto photo : pending.take(timestamp)) {
            register(photo, ctx, out);
        }
    }

    private void register(ListingPhoto photo, Context ctx, Collector<FirstPublishRecord> out)
            throws Exception {
        ListingPhoto first = owner.value();
        if (first == null) {
            owner.update(photo);
            out.collect(
                    new FirstPublishRecord(
                            Ids.derive(
                                    "first-publish",
                                    photo.hash(),
                                    photo.imageId(),
                                    photo.listingId(),
                                    photo.sellerId(),
                                    "original"),
                            photo.eventTime(),
                            policyVersion,
                            photo.hash(),
                            photo.sellerId(),
                            photo.listingId(),
                            photo.imageId(),
                            photo.eventTime(),
                            false));
            return;
        }
        if (first.sellerId().equals(photo.sellerId())) {
            return; // T2: a seller re-using its own photo is not theft
        }
        String suspectKey =
                photo.sellerId() + "\u0000" + photo.listingId() + "\u0000" + photo.imageId();
        if (flagged.contains(suspectKey)) {
            return; // re-publishing or updating the listing does not re-flag
        }
        flagged.put(suspectKey, true);
        ctx.output(CANDIDATES, new TheftCandidate(photo, first, 0, 0));
    }
}
