package io.imageguard.registry;

import io.imageguard.pipeline.EventTimeBuffer;
import io.imageguard.registry.index.HammingIndex;
import io.imageguard.registry.index.MultiIndexHammingIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One shard of the first-publish registry, keyed by shard number. Every photo is looked up in every
 * shard and stored in one (its hash's home shard), so a lookup sees every earlier photo exactly
 * once; {@link EarliestMatchProcessFunction} combines the shards' answers per photo.
 *
 * <p>The shard's photos live in keyed state (RocksDB); the search structure over their 64-bit
 * hashes ({@link HammingIndex}, exact within the radius) lives in memory, one per shard, and is
 * rebuilt from state the first time a shard is touched after a start or restore.
 *
 * <p>Photos are handled in event-time order once the watermark passes them (T4): each is looked up
 * against the photos stored before it, then stored. A photo later than the watermark is looked up
 * against all stored photos: earlier ones answer its lookup, later ones receive a correction notice
 * naming it. A photo whose hash equals an earlier stored one is not stored again (exact duplicates
 * collapse onto the earliest record). Each lookup reports at most {@code maxMatches}
 * near-duplicates; more mark a hot spot (metric {@code hotSpots}).
 */
public final class RegistryShardProcessFunction
        extends KeyedProcessFunction<Integer, RegistryProbe, RegistryAnswer> {
    private static final TypeInformation<ListingPhoto> PHOTO =
            TypeInformation.of(ListingPhoto.class);
    private static final MapStateDescriptor<Long, ListingPhoto> ENTRIES =
            new MapStateDescriptor<>("entries", Types.LONG, PHOTO);
    private static final ValueStateDescriptor<Long> NEXT_ID =
            new ValueStateDescriptor<>("next-id", Types.LONG);
    private static final MapStateDescriptor<Long, List<RegistryProbe>> PENDING =
            EventTimeBuffer.descriptor("pending", TypeInformation.of(RegistryProbe.class));

    private final int shards;
    private final int radius;
    private final int maxMatches;

    private transient MapState<Long, ListingPhoto> entries;
    private transient ValueState<Long> nextId;
    private transient EventTimeBuffer<RegistryProbe> pending;
    private transient Map<Integer, HammingIndex> indexes;
    private transient Counter hotSpots;
    private transient Histogram candidates;

    public RegistryShardProcessFunction(int shards, int radius, int maxMatches) {
        this.shards = shards;
        this.radius = radius;
        this.maxMatches = maxMatches;
    }

    @Override
    public void open(OpenContext openContext) {
        entries = getRuntimeContext().getMapState(ENTRIES);
        nextId = getRuntimeContext().getState(NEXT_ID);
        pending =
                EventTimeBuffer.of(
                        getRuntimeContext().getMapState(PENDING),
                        (a, b) -> ListingPhoto.PUBLISH_ORDER.compare(a.photo(), b.photo()));
        indexes = new HashMap<>();
        hotSpots = getRuntimeContext().getMetricGroup().counter("hotSpots");
        candidates =
                getRuntimeContext()
                        .getMetricGroup()
                        .histogram("candidatesPerLookup", new DescriptiveStatisticsHistogram(1000));
    }

    @Override
    public void processElement(RegistryProbe probe, Context ctx, Collector<RegistryAnswer> out)
            throws Exception {
        long time = probe.photo().eventTime().toEpochMilli();
        if (time <= ctx.timerService().currentWatermark()) {
            handle(probe, true, out);
        } else {
            pending.add(time, probe, ctx.timerService());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RegistryAnswer> out)
            throws Exception {
        for (RegistryProbe probe : pending.take(timestamp)) {
            handle(probe, false, out);
        }
    }

    private void handle(RegistryProbe probe, boolean late, Collector<RegistryAnswer> out)
            throws Exception {
        ListingPhoto photo = probe.photo();
        long bits = PhotoHashes.bits(photo.hash());
        HammingIndex index = index(probe.shard());
        List<long[]> hits = new ArrayList<>();
        index.query(
                bits,
                radius,
                (id, hash, distance) -> {
                    if (hits.size() < maxMatches) {
                        hits.add(new long[] {id, distance});
                    }
                });
        candidates.update(index.lastCandidates());
        if (hits.size() >= maxMatches) {
            hotSpots.inc();
        }
        ListingPhoto earliest = null;
        int earliestDistance = 0;
        boolean sameHashEarlier = false;
        List<ListingPhoto> later = new ArrayList<>();
        List<Integer> laterDistances = new ArrayList<>();
        for (long[] hit : hits) {
            ListingPhoto stored = entries.get(hit[0]);
            int distance = (int) hit[1];
            if (ListingPhoto.PUBLISH_ORDER.compare(stored, photo) < 0) {
                if (earliest == null || ListingPhoto.PUBLISH_ORDER.compare(stored, earliest) < 0) {
                    earliest = stored;
                    earliestDistance = distance;
                }
                sameHashEarlier |= distance == 0;
            } else if (late && !RegistryAnswer.keyOf(stored).equals(RegistryAnswer.keyOf(photo))) {
                later.add(stored);
                laterDistances.add(distance);
            }
        }
        out.collect(
                new RegistryAnswer(
                        photo, earliest, earliestDistance, shards, !later.isEmpty(), false));
        for (int i = 0; i < later.size(); i++) {
            out.collect(
                    new RegistryAnswer(
                            later.get(i), photo, laterDistances.get(i), shards, false, true));
        }
        if (probe.home() && !sameHashEarlier) {
            long id = nextId.value() == null ? 0 : nextId.value();
            nextId.update(id + 1);
            entries.put(id, photo);
            index.add(bits, id);
        }
    }

    /** This shard's in-memory index, rebuilt from state on first use after (re)start. */
    private HammingIndex index(int shard) throws Exception {
        HammingIndex index = indexes.get(shard);
        if (index == null) {
            index = new MultiIndexHammingIndex(radius);
            for (Map.Entry<Long, ListingPhoto> e : entries.entries()) {
                index.add(PhotoHashes.bits(e.getValue().hash()), e.getKey());
            }
            indexes.put(shard, index);
        }
        return index;
    }
}
