package io.imageguard.pipeline;

import io.imageguard.config.ImageguardConfig;
import io.imageguard.records.ComplaintEvent;
import io.imageguard.records.InputRecord;
import io.imageguard.records.ListingEvent;
import io.imageguard.records.OutputEvent;
import io.imageguard.records.OutputTopic;
import io.imageguard.records.ProtectionEvent;
import io.imageguard.records.Rejected;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The whole job graph, built from injected inputs and outputs: {@code run}, {@code replay}, {@code
 * demo} and the integration tests all build it here. Nothing in it reads arguments or files. Every
 * stateful operator has a stable uid, so savepoints survive upgrades.
 *
 * <pre>
 * inputs ─ route by topic ─┬─ listings   ─ dedup ─ (registry: issues #5, #6)
 *                          ├─ complaints ─ dedup ─ (adjudication)
 *                          ├─ protection ─ dedup ─ (licences, protection modes)
 *                          └─ rejected   ─ dedup ─► dead-letter
 * </pre>
 */
public final class ImageguardTopology {
    private ImageguardTopology() {}

    public static void define(
            StreamExecutionEnvironment env,
            ImageguardConfig cfg,
            InputSource source,
            OutputSinks sinks) {
        DataStream<InputRecord> inputs = source.open(env);

        SingleOutputStreamOperator<Void> routed =
                inputs.process(new RouteInputsProcessFunction())
                        .uid("route-inputs")
                        .name("route inputs by topic");

        DataStream<ListingEvent> listings =
                deduplicate(
                        routed.getSideOutput(RouteInputsProcessFunction.LISTINGS),
                        ListingEvent::eventId,
                        InputTypes.LISTING,
                        "listings",
                        cfg);
        DataStream<ComplaintEvent> complaints =
                deduplicate(
                        routed.getSideOutput(RouteInputsProcessFunction.COMPLAINTS),
                        ComplaintEvent::eventId,
                        InputTypes.COMPLAINT,
                        "complaints",
                        cfg);
        DataStream<ProtectionEvent> protection =
                deduplicate(
                        routed.getSideOutput(RouteInputsProcessFunction.PROTECTION),
                        ProtectionEvent::eventId,
                        InputTypes.PROTECTION,
                        "protection",
                        cfg);
        DataStream<Rejected> rejected =
                deduplicate(
                        routed.getSideOutput(RouteInputsProcessFunction.REJECTED),
                        Rejected::id,
                        InputTypes.REJECTED,
                        "dead-letter",
                        cfg);

        // The rule stages (registry, adjudication, ledger) land with their issues; until then
        // the de-duplicated events end here, under names that say so.
        listings.sinkTo(new DiscardingSink<>()).name("listings: no rule stage yet");
        complaints.sinkTo(new DiscardingSink<>()).name("complaints: no rule stage yet");
        protection.sinkTo(new DiscardingSink<>()).name("protection: no rule stage yet");

        emit(OutputTopic.DEAD_LETTER, rejected, sinks);
    }

    private static <T> DataStream<T> deduplicate(
            DataStream<T> events,
            KeySelector<T, String> id,
            TypeInformation<T> type,
            String what,
            ImageguardConfig cfg) {
        return events.keyBy(id, Types.STRING)
                .process(new DeduplicateFunction<T>(cfg.input().dedupRetention()), type)
                .uid("dedup-" + what)
                .name("drop replayed " + what);
    }

    private static <T extends OutputEvent> void emit(
            OutputTopic topic, DataStream<T> records, OutputSinks sinks) {
        DataStream<OutputRecord> serialized =
                records.map(new ToOutputRecordFunction<T>(), InputTypes.OUTPUT)
                        .uid("serialize-" + topic.logicalName())
                        .name("to JSON: " + topic.logicalName());
        sinks.write(topic, serialized);
    }
}
