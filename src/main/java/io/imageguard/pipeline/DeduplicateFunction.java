package io.imageguard.pipeline;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Forwards the first record of each key (an {@code eventId}, or a rejection's id) and drops its
 * replays, so a replayed input changes nothing. A key is remembered for {@code retention} of event
 * time after its record's event time (or after the watermark when the record has none, or arrives
 * late); a replay after that is treated as new.
 */
public final class DeduplicateFunction<T> extends KeyedProcessFunction<String, T, T> {
    private static final ValueStateDescriptor<Long> EXPIRY =
            new ValueStateDescriptor<>("expiry", Types.LONG);

    /** Timer of a key first seen before any watermark: fixed up when the first watermark comes. */
    private static final long BEFORE_FIRST_WATERMARK = Long.MIN_VALUE + 1;

    private final long retentionMillis;
    private transient ValueState<Long> expiry;
    private transient Counter duplicates;

    public DeduplicateFunction(Duration retention) {
        this.retentionMillis = retention.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        expiry = getRuntimeContext().getState(EXPIRY);
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicates");
    }

    @Override
    public void processElement(T value, Context ctx, Collector<T> out) throws Exception {
        if (expiry.value() != null) {
            duplicates.inc();
            return;
        }
        long expiresAt = expiryTime(ctx.timestamp(), ctx.timerService().currentWatermark());
        expiry.update(expiresAt);
        ctx.timerService().registerEventTimeTimer(expiresAt);
        out.collect(value);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
        if (timestamp == BEFORE_FIRST_WATERMARK) {
            long expiresAt = plusRetention(ctx.timerService().currentWatermark());
            expiry.update(expiresAt);
            ctx.timerService().registerEventTimeTimer(expiresAt);
        } else {
            expiry.clear();
        }
    }

    private long expiryTime(Long eventTime, long watermark) {
        long base = Math.max(eventTime == null ? Long.MIN_VALUE : eventTime, watermark);
        return base == Long.MIN_VALUE ? BEFORE_FIRST_WATERMARK : plusRetention(base);
    }

    /** Saturates at the end of time: the final watermark of a bounded run is Long.MAX_VALUE. */
    private long plusRetention(long time) {
        return time > Long.MAX_VALUE - retentionMillis ? Long.MAX_VALUE : time + retentionMillis;
    }
}
