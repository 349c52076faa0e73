package io.imageguard.pipeline;

import io.imageguard.records.ComplaintEvent;
import io.imageguard.records.InputRecord;
import io.imageguard.records.ListingEvent;
import io.imageguard.records.ProtectionEvent;
import io.imageguard.records.RejectReason;
import io.imageguard.records.Rejected;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits the parsed inputs by topic into typed side outputs, and counts rejections per reason
 * (metric group {@code deadLetter}, one counter per {@link RejectReason}).
 */
public final class RouteInputsProcessFunction extends ProcessFunction<InputRecord, Void> {
    public static final OutputTag<ListingEvent> LISTINGS =
            new OutputTag<>("listings", InputTypes.LISTING);
    public static final OutputTag<ComplaintEvent> COMPLAINTS =
            new OutputTag<>("complaints", InputTypes.COMPLAINT);
    public static final OutputTag<ProtectionEvent> PROTECTION =
            new OutputTag<>("protection", InputTypes.PROTECTION);
    public static final OutputTag<Rejected> REJECTED =
            new OutputTag<>("rejected", InputTypes.REJECTED);

    private transient Map<RejectReason, Counter> rejections;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("deadLetter");
        rejections = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            rejections.put(reason, group.counter(reason.name()));
        }
    }

    @Override
    public void processElement(InputRecord record, Context ctx, Collector<Void> out) {
        if (record.listing() != null) {
            ctx.output(LISTINGS, record.listing());
        } else if (record.complaint() != null) {
            ctx.output(COMPLAINTS, record.complaint());
        } else if (record.protection() != null) {
            ctx.output(PROTECTION, record.protection());
        } else {
            rejections.get(record.rejected().reason()).inc();
            ctx.output(REJECTED, record.rejected());
        }
    }
}
