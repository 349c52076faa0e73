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
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Turns theft candidates into flags for the owner, keyed by owner seller: no flag where the owner
 * has licensed the suspect seller (T3, from the licence's event time until its revocation), and the
 * flag's action by the owner's protection mode at the candidate's event time (T5): NOTIFY → {@code
 * NOTIFIED}; AUTO_COMPLAIN → {@code AUTO_COMPLAINT_FILED} plus a complaint (origin AUTO_PROTECTION,
 * the owner's registered photo as its original) on {@link #AUTO_COMPLAINTS}; otherwise {@code
 * FLAGGED}.
 *
 * <p>Both inputs are processed in event-time order once the watermark passes them; at equal times
 * protection events go first, so a licence or enrolment takes effect from its own instant.
 */
public final class TheftFlagProcessFunction
        extends KeyedCoProcessFunction<String, TheftCandidate, ProtectionEvent, TheftFlag> {
    public static final OutputTag<ComplaintEvent> AUTO_COMPLAINTS =
            new OutputTag<>("auto-complaints", TypeInformation.of(ComplaintEvent.class));

    private static final ValueStateDescriptor<ProtectionMode> MODE =
            new ValueStateDescriptor<>("mode", TypeInformation.of(ProtectionMode.class));
    private static final MapStateDescriptor<String, Boolean> LICENSEES =
            new MapStateDescriptor<>("licensees", Types.STRING, Types.BOOLEAN);
    private static final MapStateDescriptor<Long, List<TheftCandidate>> PENDING_CANDIDATES =
            EventTimeBuffer.descriptor(
                    "pending-candidates", TypeInformation.of(TheftCandidate.class));
    private static final MapStateDescriptor<Long, List<ProtectionEvent>> PENDING_PROTECTION =
            EventTimeBuffer.descriptor(
                    "pending-protection", TypeInformation.of(ProtectionEvent.class));

    private final String policyVersion;
    private transient ValueState<ProtectionMode> mode;
    private transient MapState<String, Boolean> licensees;
    private transient EventTimeBuffer<TheftCandidate> candidates;
    private transient EventTimeBuffer<ProtectionEvent> protection;

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
        mode = getRuntimeContext().getState(MODE);
        licensees = getRuntimeContext().getMapState(LICENSEES);
        candidates =
                EventTimeBuffer.of(
                        getRuntimeContext().getMapState(PENDING_CANDIDATES),
                        Comparator.comparing((TheftCandidate c) -> c.suspect().tieBreak()));
        protection =
                EventTimeBuffer.of(
                        getRuntimeContext().getMapState(PENDING_PROTECTION),
                        Comparator.comparing(ProtectionEvent::eventId));
    }

    @Override
    public void processElement1(TheftCandidate candidate, Context ctx, Collector<TheftFlag> out)
            throws Exception {
        long time = candidate.suspect().eventTime().toEpochMilli();
        if (isLate(time, ctx.timerService())) {
            flag(candidate, ctx, out);
        } else {
            candidates.add(time, candidate, ctx.timerService());
        }
    }

    @Override
    public void processElement2(ProtectionEvent event, Context ctx, Collector<TheftFlag> out)
            throws Exception {
        long time = event.eventTime().toEpochMilli();
        if (isLate(time, ctx.timerService())) {
            apply(event);
        } else {
            protection.add(time, event, ctx.timerService());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TheftFlag> out)
            throws Exception {
        for (ProtectionEvent event : protection.take(timestamp)) {
            apply(event);
        }
        for (TheftCandidate candidate : candidates.take(timestamp)) {
            flag(candidate, ctx, out);
        }
    }

    private static boolean isLate(long time, TimerService timers) {
        return time <= timers.currentWatermark();
    }

    private void apply(ProtectionEvent event) throws Exception {
        switch (event.type()) {
            case PROTECTION_ENROLLED -> mode.update(event.mode());
            case LICENSE_GRANTED -> licensees.put(event.licenseeSellerId(), true);
            case LICENSE_REVOKED -> licensees.remove(event.licenseeSellerId());
        }
    }

    private void flag(TheftCandidate c, Context ctx, Collector<TheftFlag> out) throws Exception {
        ListingPhoto suspect = c.suspect();
        ListingPhoto owner = c.owner();
        if (licensees.contains(suspect.sellerId())) {
            return; // T3: the owner allowed this seller to use its photos
        }
        ProtectionMode m = mode.value();
        TheftAction action =
                m == ProtectionMode.NOTIFY
                        ? TheftAction.NOTIFIED
                        : m == ProtectionMode.AUTO_COMPLAIN
                                ? TheftAction.AUTO_COMPLAINT_FILED
                                : TheftAction.FLAGGED;
        String flagId =
                Ids.derive(
                        "theft-flag",
                        suspect.sellerId(),
                        suspect.listingId(),
                        suspect.imageId(),
                        owner.imageId(),
                        "original");
        out.collect(
                new TheftFlag(
                        flagId,
                        suspect.eventTime(),
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
                        false));
        if (action == TheftAction.AUTO_COMPLAINT_FILED) {
            ctx.output(AUTO_COMPLAINTS, autoComplaint(flagId, c));
        }
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
