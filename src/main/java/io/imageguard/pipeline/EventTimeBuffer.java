package io.imageguard.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.streaming.api.TimerService;

/**
 * Holds a key's events until the watermark passes their event time, then hands them out in
 * event-time order (ties broken by a total order on the events), so that out-of-order input within
 * the bound gives the same results as ordered input (T4). One event-time timer per distinct
 * timestamp; the buffer is empty once its timers have fired.
 */
public final class EventTimeBuffer<T> {
    private final MapState<Long, List<T>> pending;
    private final Comparator<T> tieBreak;

    private EventTimeBuffer(MapState<Long, List<T>> pending, Comparator<T> tieBreak) {
        this.pending = pending;
        this.tieBreak = tieBreak;
    }

    public static <T> MapStateDescriptor<Long, List<T>> descriptor(
            String name, TypeInformation<T> type) {
        return new MapStateDescriptor<>(name, Types.LONG, new ListTypeInfo<>(type));
    }

    public static <T> EventTimeBuffer<T> of(MapState<Long, List<T>> state, Comparator<T> tieBreak) {
        return new EventTimeBuffer<>(state, tieBreak);
    }

    /** Buffers {@code event} until the watermark reaches {@code time}. */
    public void add(long time, T event, TimerService timers) throws Exception {
        List<T> at = pending.get(time);
        if (at == null) {
            at = new ArrayList<>();
            timers.registerEventTimeTimer(time);
        }
        at.add(event);
        pending.put(time, at);
    }

    /** Removes and returns the events of {@code time}, in tie-break order. */
    public List<T> take(long time) throws Exception {
        List<T> at = pending.get(time);
        if (at == null) {
            return List.of();
        }
        pending.remove(time);
        List<T> sorted = new ArrayList<>(at);
        sorted.sort(tieBreak);
        return sorted;
    }
}
