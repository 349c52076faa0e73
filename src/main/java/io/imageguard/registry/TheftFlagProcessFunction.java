package io.imageguard.registry;

import io.imageguard.pipeline.EventTimeBuffer;
import io.imageguard.records.ComplaintEvent;
import io.imageguard.records.ComplaintEventType;
import io.imageguard.records.ComplaintOrigin;
import io.imageguard.records.Ids;
import io.imageguard.records.Photo;
import io.imageguard.records.ProtectionEvent;
import io.imageguard.records.ProtectionEventType;
import io.imageguard.records.ProtectionMode;
import io.imageguard.records.TheftAction;
import io.imageguard.records.TheftFlag;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Turns theft candidates into flags for the owner, keyed by owner seller: no flag where the owner
 * had licensed the suspect seller at the copy's event time (T3: from the licence's instant until
 * its revocation); the flag's action by the owner's protection mode at that time (T5): NOTIFY →
 * {@code NOTIFIED}; AUTO_COMPLAIN → {@code AUTO_COMPLAINT_FILED} plus a complaint (origin
 * AUTO_PROTECTION, the owner's registered photo as its original) on {@link #AUTO_COMPLAINTS};
 * otherwise {@code FLAGGED}.
 *
 * <p>The owner's protection events are kept as a history (a few per owner), so every candidate is
 * judged by the licences and mode in force at its own event time. Candidates wait for the
 * watermark, so that protection events within the out-of-orderness bound have arrived; a late
 * candidate (a T4 correction) is judged on arrival against the same history.
 */
public final class TheftFlagProcessFunction
        extends KeyedCoProcessFunction<String, TheftCandidate, ProtectionEvent, TheftFlag> {
    public static final OutputTag<ComplaintEvent> AUTO_COMPLAINTS =
            new OutputTag<>("auto-complaints", TypeInformation.of(ComplaintEvent.class));

    private static final ListStateDescriptor<ProtectionEvent> HISTORY =
            new ListStateDescriptor<>("protection", TypeInformation.of(ProtectionEvent.class));
    private static final MapStateDescriptor<Long, List<TheftCandidate>> PENDING =
            EventTimeBuffer.descriptor("pending", TypeInformation.of(TheftCandidate.class));

    /** Later events win; at one instant, the greater event id (a total order). */
    private static final Comparator<ProtectionEvent> CHRONOLOGICAL =
            Comparator.comparing(ProtectionEvent::eventTime)
                    .thenComparing(ProtectionEvent::eventId);

    private final String policyVersion;
    private transient ListState<ProtectionEvent> history;
    private transient EventTimeBuffer<TheftCandidate> pending;

    public TheftFlagProcessFunction(String policyVersion) {
        this.policyVersion = policyVersion;
    }

    /** Protection events are keyed by the owner they concern. */
    public static String ownerOf(ProtectionEvent e) {
        return e.type() == ProtectionEventType.PROTECTION_ENROLLED
                ? e.sellerId()
                : e.ownerSellerId();
    }

    @Override
    public void open(OpenContext openContext) {
        history = getRuntimeContext().getListState(HISTORY);
        pending =
                EventTimeBuffer.of(
                        getRuntimeContext().getMapState(PENDING),
                        Comparator.comparing((TheftCandidate c) -> c.suspect().tieBreak())
                                .thenComparing(c -> c.owner().tieBreak()));
    }

    @Override
    public void processElement1(TheftCandidate candidate, Context ctx, Collector<TheftFlag> out)
            throws Exception {
        long time = candidate.suspect().eventTime().toEpochMilli();
        if (time <= ctx.timerService().currentWatermark()) {
            flag(candidate, ctx, out);
        } else {
            pending.add(time, candidate, ctx.timerService());
        }
    }

    @Override
    public void processElement2(ProtectionEvent event, Context ctx, Collector<TheftFlag> out)
            throws Exception {
        history.add(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TheftFlag> out)
            throws Exception {
        for (TheftCandidate candidate : pending.take(timestamp)) {
            flag(candidate, ctx, out);
        }
    }

    private void flag(TheftCandidate c, Context ctx, Collector<TheftFlag> out) throws Exception {
        ListingPhoto suspect = c.suspect();
        ListingPhoto owner = c.owner();
        Instant at = suspect.eventTime();
        if (licensed(suspect.sellerId(), at)) {
            return; // T3: the owner allowed this seller to use its photos
        }
        ProtectionMode mode = modeAt(at);
        TheftAction action =
                mode == ProtectionMode.NOTIFY
                        ? TheftAction.NOTIFIED
                        : mode == ProtectionMode.AUTO_COMPLAIN
                                ? TheftAction.AUTO_COMPLAINT_FILED
                                : TheftAction.FLAGGED;
        String flagId =
                Ids.derive(
                        "theft-flag",
                        suspect.sellerId(),
                        suspect.listingId(),
                        suspect.imageId(),
                        owner.imageId(),
                        c.correction() ? "correction" : "original");
        out.collect(
                new TheftFlag(
                        flagId,
                        at,
                        policyVersion,
                        suspect.sellerId(),
                        suspect.listingId(),
                        suspect.imageId(),
                        suspect.role(),
                        owner.sellerId(),
                        owner.listingId(),
                        owner.imageId(),
                        owner.eventTime(),
                        c.distance(),
                        c.threshold(),
                        action,
                        c.correction()));
        if (action == TheftAction.AUTO_COMPLAINT_FILED) {
            ctx.output(AUTO_COMPLAINTS, autoComplaint(flagId, c));
        }
    }

    /** The last licence event for this licensee at or before {@code at} is a grant. */
    private boolean licensed(String licensee, Instant at) throws Exception {
        ProtectionEvent last = null;
        for (ProtectionEvent e : history.get()) {
            if (e.type() != ProtectionEventType.PROTECTION_ENROLLED
                    && licensee.equals(e.licenseeSellerId())
                    && !e.eventTime().isAfter(at)
                    && (last == null || CHRONOLOGICAL.compare(e, last) > 0)) {
                last = e;
            }
        }
        return last != null && last.type() == ProtectionEventType.LICENSE_GRANTED;
    }

    /** The mode of the last enrolment at or before {@code at}; null when never enrolled. */
    private ProtectionMode modeAt(Instant at) throws Exception {
        ProtectionEvent last = null;
        for (ProtectionEvent e : history.get()) {
            if (e.type() == ProtectionEventType.PROTECTION_ENROLLED
                    && !e.eventTime().isAfter(at)
                    && (last == null || CHRONOLOGICAL.compare(e, last) > 0)) {
                last = e;
            }
        }
        return last == null ? null : last.mode();
    }

    /** T5: the complaint the job files for an AUTO_COMPLAIN owner; its evidence is the record. */
    private static ComplaintEvent autoComplaint(String flagId, TheftCandidate c) {
        ListingPhoto owner = c.owner();
        ListingPhoto suspect = c.suspect();
        String complaintId = Ids.derive("auto-complaint", flagId);
        return new ComplaintEvent(
                ComplaintEventType.COMPLAINT_FILED,
                complaintId,
                suspect.eventTime(),
                complaintId,
                owner.sellerId(),
                true,
                suspect.sellerId(),
                suspect.listingId(),
                ComplaintOrigin.AUTO_PROTECTION,
                new Photo(null, owner.hash(), null, null, null),
                List.of(),
                false,
                false,
                owner.watermarkId());
    }
}
