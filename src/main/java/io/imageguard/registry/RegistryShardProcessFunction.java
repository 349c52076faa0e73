package io.imageguard.registry;

import io.imageguard.match.PhotoMatcher;
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
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One shard of the first-publish registry, keyed by shard number. Every photo is looked up in every
 * shard and stored in one (its hash's home shard), so a lookup sees every earlier photo exactly
 * once; {@link EarliestMatchProcessFunction} combines the shards' answers per photo.
 *
 * <p>The shard's photos live in keyed state (RocksDB); the search structure over their 64-bit
 * hashes ({@link HammingIndex}, exact within the radius) and their views' 256-bit hashes ({@link
 * VerifyArena}) live in memory, one per shard, rebuilt from state the first time a shard is touched
 * after a start or restore. A candidate is read from state only when its view pair is within the
 * verification threshold, so unrelated photos near in 64 bits cost no state read.
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
    // package-visible: RegistryBootstrap writes the same state into savepoints
    static final MapStateDescriptor<Long, RegistryEntry> ENTRIES =
            new MapStateDescriptor<>(
                    "entries", Types.LONG, TypeInformation.of(RegistryEntry.class));
    static final ValueStateDescriptor<Long> NEXT_ID =
            new ValueStateDescriptor<>("next-id", Types.LONG);
    private static final MapStateDescriptor<Long, List<RegistryProbe>> PENDING =
            EventTimeBuffer.descriptor("pending", TypeInformation.of(RegistryProbe.class));

    private final int shards;
    private final int phashRadius;
    private final int candidateRadius;
    private final int regionCandidateRadius;
    private final int verifyThreshold;
    private final int regionVerifyThreshold;
    private final int maxMatches;

    private transient MapState<Long, RegistryEntry> entries;
    private transient ValueState<Long> nextId;
    private transient EventTimeBuffer<RegistryProbe> pending;

    /** Per shard: its in-memory search structures, rebuilt from state. */
    private transient Map<Integer, ShardIndex> indexes;

    /** One index per hash family ({@link RegistryHash#family()}), and the views' 256-bit hashes. */
    private record ShardIndex(HammingIndex[] byFamily, VerifyArena verify) {}

    private transient PhotoMatcher matcher;
    private transient Counter hotSpots;
    private transient Histogram probes;
    private transient Histogram candidates;
    private transient Histogram verified;
    private transient Histogram lookupMicros;

    /** A shard whose photo-region query views search within {@code candidateRadius} too. */
    public RegistryShardProcessFunction(
            int shards,
            int phashRadius,
            int candidateRadius,
            int verifyThreshold,
            int regionVerifyThreshold,
            int maxMatches) {
        this(
                shards,
                phashRadius,
                candidateRadius,
                candidateRadius,
                verifyThreshold,
                regionVerifyThreshold,
                maxMatches);
    }

    /**
     * @param phashRadius the match radius of single {@code phash64} hashes
     * @param candidateRadius the candidate radius of multi-view hashes (verified after)
     * @param regionCandidateRadius the candidate radius of their photo-region query views
     * @param verifyThreshold the verification threshold of whole, trimmed and de-rotated views
     * @param regionVerifyThreshold the verification threshold of photo-region views
     */
    public RegistryShardProcessFunction(
            int shards,
            int phashRadius,
            int candidateRadius,
            int regionCandidateRadius,
            int verifyThreshold,
            int regionVerifyThreshold,
            int maxMatches) {
        this.shards = shards;
        this.phashRadius = phashRadius;
        this.candidateRadius = candidateRadius;
        this.regionCandidateRadius = regionCandidateRadius;
        this.verifyThreshold = verifyThreshold;
        this.regionVerifyThreshold = regionVerifyThreshold;
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
        matcher =
                new PhotoMatcher(
                        candidateRadius,
                        regionCandidateRadius,
                        verifyThreshold,
                        regionVerifyThreshold);
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        hotSpots = metrics.counter("hotSpots");
        probes = metrics.histogram("probesPerLookup", new DescriptiveStatisticsHistogram(1000));
        candidates =
                metrics.histogram("candidatesPerLookup", new DescriptiveStatisticsHistogram(1000));
        verified = metrics.histogram("verifiedPerLookup", new DescriptiveStatisticsHistogram(1000));
        // processing time of one lookup in one shard: a cost figure, never an input to a result
        lookupMicros = metrics.histogram("lookupMicros", new DescriptiveStatisticsHistogram(1000));
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

    /** Views of one stored photo are indexed as {@code entry id × VIEW_SLOTS + view}. */
    private static final int VIEW_SLOTS = 16;

    private void handle(RegistryProbe probe, boolean late, Collector<RegistryAnswer> out)
            throws Exception {
        long started = System.nanoTime();
        ListingPhoto photo = probe.photo();
        RegistryHash hash = RegistryHash.parse(photo.hash());
        ShardIndex shard = index(probe.shard());
        HammingIndex index = shard.byFamily()[hash.family()];
        boolean views = hash.family() == 0;
        // entry id → the smallest 64-bit distance any probe saw it at; multi-view candidates only
        // when the candidate view pair is within the verification threshold (no match otherwise)
        Map<Long, Integer> hits = new java.util.LinkedHashMap<>();
        long probed = 0;
        long examined = 0;
        long[] keys = hash.probeKeys();
        long[][] probeVerify = views ? hash.probeVerify() : null;
        int[] thresholds = views ? hash.probeThresholds(matcher) : null;
        int[] radii = views ? hash.probeRadii(matcher) : null;
        for (int k = 0; k < keys.length; k++) {
            long[] verify = views ? probeVerify[k] : null;
            int threshold = views ? thresholds[k] : 0;
            index.query(
                    keys[k],
                    views ? radii[k] : phashRadius,
                    (id, stored, distance) -> {
                        long entry = id / VIEW_SLOTS;
                        if (verify == null
                                || shard.verify().distance(entry, (int) (id % VIEW_SLOTS), verify)
                                        <= threshold) {
                            hits.merge(entry, distance, Math::min);
                        }
                    });
            probed += index.lastProbes();
            examined += index.lastCandidates();
        }
        probes.update(probed);
        candidates.update(examined);
        verified.update(Math.min(hits.size(), maxMatches));
        ListingPhoto earliest = null;
        RegistryHash.Match earliestMatch = null;
        boolean sameHashEarlier = false;
        List<ListingPhoto> later = new ArrayList<>();
        List<RegistryHash.Match> laterMatches = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<Long, Integer> hit : hits.entrySet()) {
            if (checked++ == maxMatches) {
                hotSpots.inc(); // bound the work of one lookup; the rest are not verified
                break;
            }
            RegistryEntry entry = entries.get(hit.getKey());
            RegistryHash storedHash = RegistryHash.fromState(entry.hash());
            RegistryHash.Match m = storedHash.check(hash, hit.getValue(), phashRadius, matcher);
            if (!m.match()) {
                continue;
            }
            ListingPhoto stored = entry.photo();
            if (ListingPhoto.PUBLISH_ORDER.compare(stored, photo) < 0) {
                if (earliest == null || ListingPhoto.PUBLISH_ORDER.compare(stored, earliest) < 0) {
                    earliest = stored;
                    earliestMatch = m;
                }
                sameHashEarlier |= storedHash.sameAs(hash);
            } else if (late && !RegistryAnswer.keyOf(stored).equals(RegistryAnswer.keyOf(photo))) {
                later.add(stored);
                laterMatches.add(m);
            }
        }
        out.collect(
                new RegistryAnswer(
                        photo,
                        earliest,
                        earliestMatch == null ? 0 : earliestMatch.distance(),
                        earliestMatch == null ? 0 : earliestMatch.threshold(),
                        shards,
                        !later.isEmpty(),
                        false));
        for (int i = 0; i < later.size(); i++) {
            RegistryHash.Match m = laterMatches.get(i);
            out.collect(
                    new RegistryAnswer(
                            later.get(i), photo, m.distance(), m.threshold(), shards, false, true));
        }
        if (probe.home() && !sameHashEarlier) {
            long id = nextId.value() == null ? 0 : nextId.value();
            nextId.update(id + 1);
            entries.put(id, RegistryEntry.of(photo));
            add(shard, hash, id);
        }
        lookupMicros.update((System.nanoTime() - started) / 1000);
    }

    private static void add(ShardIndex shard, RegistryHash hash, long id) {
        HammingIndex index = shard.byFamily()[hash.family()];
        long[] keys = hash.storeKeys();
        long[][] verify = hash.family() == 0 ? hash.storeVerify() : null;
        for (int v = 0; v < keys.length; v++) {
            index.add(keys[v], id * VIEW_SLOTS + v);
            if (verify != null) {
                shard.verify().put(id, v, verify[v]);
            }
        }
    }

    /** This shard's in-memory indexes, rebuilt from state on first use after (re)start. */
    private ShardIndex index(int shard) throws Exception {
        ShardIndex index = indexes.get(shard);
        if (index == null) {
            MultiIndexHammingIndex views = new MultiIndexHammingIndex(candidateRadius);
            MultiIndexHammingIndex phash = new MultiIndexHammingIndex(phashRadius);
            index = new ShardIndex(new HammingIndex[] {views, phash}, new VerifyArena());
            for (Map.Entry<Long, RegistryEntry> e : entries.entries()) {
                add(index, RegistryHash.fromState(e.getValue().hash()), e.getKey());
            }
            // everything restored goes into the sorted tables at once, not through the delta
            views.compact();
            phash.compact();
            indexes.put(shard, index);
        }
        return index;
    }
}
