package io.imageguard.registry;

import io.imageguard.records.FirstPublishRecord;
import io.imageguard.records.Ids;
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
 * The second registry step, keyed by photo (seller, listing, image): combines the shards' answers
 * to a lookup and decides. No earlier near-duplicate: the photo is a first publisher (T1) and gets
 * a first-publish record, once per photo. The earliest near-duplicate belongs to another seller: a
 * theft candidate naming it as owner (T2), once per suspect and owner photo; the same seller's own
 * photo is not theft.
 *
 * <p>T4: a late photo that is the true first publisher of near-duplicates published after it gets a
 * corrected first-publish record ({@code correction: true}); each such later photo gets a
 * correction notice here and, if the late photo is earlier than the owner it was attributed to, a
 * corrected theft candidate naming the true owner.
 */
public final class EarliestMatchProcessFunction
        extends KeyedProcessFunction<String, RegistryAnswer, FirstPublishRecord> {
    public static final OutputTag<TheftCandidate> CANDIDATES =
            new OutputTag<>("theft-candidates", TypeInformation.of(TheftCandidate.class));

    private static final TypeInformation<ListingPhoto> PHOTO =
            TypeInformation.of(ListingPhoto.class);

    /** Answers so far, per lookup (event id). */
    private static final MapStateDescriptor<String, RegistryAnswer> PARTIAL =
            new MapStateDescriptor<>(
                    "partial", Types.STRING, TypeInformation.of(RegistryAnswer.class));

    private static final MapStateDescriptor<String, Integer> COUNTS =
            new MapStateDescriptor<>("counts", Types.STRING, Types.INT);

    /** The owner this photo is attributed to; absent while it is a first publisher. */
    private static final ValueStateDescriptor<ListingPhoto> OWNER =
            new ValueStateDescriptor<>("owner", PHOTO);

    private static final ValueStateDescriptor<Boolean> REGISTERED =
            new ValueStateDescriptor<>("registered", Types.BOOLEAN);

    /** Owner photos this suspect was flagged against. */
    private static final MapStateDescriptor<String, Boolean> FLAGGED =
            new MapStateDescriptor<>("flagged", Types.STRING, Types.BOOLEAN);

    private final String policyVersion;
    private transient MapState<String, RegistryAnswer> partial;
    private transient MapState<String, Integer> counts;
    private transient ValueState<ListingPhoto> owner;
    private transient ValueState<Boolean> registered;
    private transient MapState<String, Boolean> flagged;

    public EarliestMatchProcessFunction(String policyVersion) {
        this.policyVersion = policyVersion;
    }

    @Override
    public void open(OpenContext openContext) {
        partial = getRuntimeContext().getMapState(PARTIAL);
        counts = getRuntimeContext().getMapState(COUNTS);
        owner = getRuntimeContext().getState(OWNER);
        registered = getRuntimeContext().getState(REGISTERED);
        flagged = getRuntimeContext().getMapState(FLAGGED);
    }

    @Override
    public void processElement(
            RegistryAnswer answer, Context ctx, Collector<FirstPublishRecord> out)
            throws Exception {
        if (answer.correctionNotice()) {
            corrected(answer, ctx);
            return;
        }
        String lookup = answer.photo().eventId();
        RegistryAnswer best = merge(partial.get(lookup), answer);
        int seen = (counts.contains(lookup) ? counts.get(lookup) : 0) + 1;
        if (seen < answer.shards()) {
            partial.put(lookup, best);
            counts.put(lookup, seen);
            return;
        }
        partial.remove(lookup);
        counts.remove(lookup);
        decide(best, ctx, out);
    }

    /** Keeps the earliest match of two answers to one lookup, and whether any saw later ones. */
    private static RegistryAnswer merge(RegistryAnswer a, RegistryAnswer b) {
        if (a == null) {
            return b;
        }
        boolean later = a.laterMatches() || b.laterMatches();
        RegistryAnswer earlier =
                b.match() == null
                                || (a.match() != null
                                        && ListingPhoto.PUBLISH_ORDER.compare(a.match(), b.match())
                                                <= 0)
                        ? a
                        : b;
        return new RegistryAnswer(
                earlier.photo(),
                earlier.match(),
                earlier.distance(),
                earlier.threshold(),
                earlier.shards(),
                later,
                false);
    }

    private void decide(RegistryAnswer best, Context ctx, Collector<FirstPublishRecord> out)
            throws Exception {
        ListingPhoto photo = best.photo();
        ListingPhoto match = best.match();
        if (match == null) {
            if (registered.value() == null) {
                registered.update(true);
                // a late photo that precedes near-duplicates already decided corrects them (T4)
                out.collect(firstPublish(photo, best.laterMatches()));
            }
            return;
        }
        owner.update(match);
        flag(photo, match, best.distance(), best.threshold(), false, ctx);
    }

    /** T4: a late photo published before this one is its near-duplicate. */
    private void corrected(RegistryAnswer notice, Context ctx) throws Exception {
        ListingPhoto photo = notice.photo();
        ListingPhoto earlier = notice.match();
        ListingPhoto current = owner.value();
        if (current != null && ListingPhoto.PUBLISH_ORDER.compare(current, earlier) <= 0) {
            return; // it was already attributed to an even earlier photo
        }
        owner.update(earlier);
        flag(photo, earlier, notice.distance(), notice.threshold(), true, ctx);
    }

    private void flag(
            ListingPhoto suspect,
            ListingPhoto first,
            int distance,
            int threshold,
            boolean correction,
            Context ctx)
            throws Exception {
        if (first.sellerId().equals(suspect.sellerId())) {
            return; // T2: a seller re-using its own photo is not theft
        }
        String ownerPhoto = RegistryAnswer.keyOf(first);
        if (!correction && flagged.contains(ownerPhoto)) {
            return; // re-publishing or updating the listing does not re-flag
        }
        flagged.put(ownerPhoto, true);
        ctx.output(CANDIDATES, new TheftCandidate(suspect, first, distance, threshold, correction));
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
