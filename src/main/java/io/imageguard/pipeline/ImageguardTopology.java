package io.imageguard.pipeline;

import io.imageguard.config.ImageguardConfig;
import io.imageguard.ingest.ComplaintEvidence;
import io.imageguard.ingest.ComplaintEvidenceAsyncFunction;
import io.imageguard.ingest.IngestSettings;
import io.imageguard.ingest.PhotoIngestAsyncFunction;
import io.imageguard.ingest.SplitEvidenceProcessFunction;
import io.imageguard.ingest.SplitIngestedProcessFunction;
import io.imageguard.records.ComplaintEvent;
import io.imageguard.records.FirstPublishRecord;
import io.imageguard.records.InputRecord;
import io.imageguard.records.ListingEvent;
import io.imageguard.records.OutputEvent;
import io.imageguard.records.OutputTopic;
import io.imageguard.records.ProtectionEvent;
import io.imageguard.records.Rejected;
import io.imageguard.records.TheftFlag;
import io.imageguard.registry.EarliestMatchProcessFunction;
import io.imageguard.registry.ListingPhoto;
import io.imageguard.registry.ListingPhotosFunction;
import io.imageguard.registry.RegistryAnswer;
import io.imageguard.registry.RegistryProbe;
import io.imageguard.registry.RegistryProbesFunction;
import io.imageguard.registry.RegistryShardProcessFunction;
import io.imageguard.registry.TheftFlagProcessFunction;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
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
 * inputs ─ route by topic ─┬─ listings ─ dedup ─ photos ─ fetch+hash ─ registry shards ─ earliest match ─┬─► first-publish
 *                          │                                                     └ candidates ┐
 *                          ├─ protection ─ dedup ─────────────── (by owner) ─ theft flags ◄──┘─► theft-flags
 *                          ├─ complaints ─ dedup ─ measure photos ─ (adjudication: planned)
 *                          └─ rejected   ─ dedup ───────────────────────────────────────────► dead-letter
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
        // T6 ingest: photos given by URL are fetched safely, decoded and hashed
        DataStream<ListingPhoto> photos =
                listings.flatMap(
                                new ListingPhotosFunction(), TypeInformation.of(ListingPhoto.class))
                        .uid("listing-photos")
                        .name("listing photos");
        IngestSettings ingest = cfg.ingestSettings();
        SingleOutputStreamOperator<ListingPhoto> hashed =
                AsyncDataStream.unorderedWait(
                                photos,
                                new PhotoIngestAsyncFunction(ingest, cfg.policyVersion()),
                                ingest.timeoutMillis(),
                                TimeUnit.MILLISECONDS,
                                cfg.images().capacity())
                        .uid("photo-ingest")
                        .name("fetch, decode, hash photos")
                        .process(
                                new SplitIngestedProcessFunction(),
                                TypeInformation.of(ListingPhoto.class))
                        .uid("split-ingested-photos")
                        .name("hashed photos / refused photos");

        // T1, T2, T4: every hashed photo looked up in every registry shard, stored in one;
        // then, per photo, the earliest near-duplicate across shards decides
        ImageguardConfig.Registry registry = cfg.registry();
        SingleOutputStreamOperator<FirstPublishRecord> firstPublish =
                hashed.flatMap(
                                new RegistryProbesFunction(registry.shards()),
                                TypeInformation.of(RegistryProbe.class))
                        .uid("registry-probes")
                        .name("probes to every registry shard")
                        .keyBy(RegistryProbe::shard, Types.INT)
                        .process(
                                new RegistryShardProcessFunction(
                                        registry.shards(),
                                        registry.phash64Radius(),
                                        registry.candidateRadius(),
                                        registry.regionCandidateRadius(),
                                        registry.verifyThreshold(),
                                        registry.regionVerifyThreshold(),
                                        registry.maxMatchesPerLookup()),
                                TypeInformation.of(RegistryAnswer.class))
                        .uid("registry-shards")
                        .name("first-publish registry shards (near-duplicate search)")
                        .keyBy(RegistryAnswer::photoKey, Types.STRING)
                        .process(
                                new EarliestMatchProcessFunction(cfg.policyVersion()),
                                TypeInformation.of(FirstPublishRecord.class))
                        .uid("registry-earliest-match")
                        .name("earliest near-duplicate per photo (T1, T2, T4)");

        // T3, T5: licences and protection modes of the owner
        SingleOutputStreamOperator<TheftFlag> theftFlags =
                firstPublish
                        .getSideOutput(EarliestMatchProcessFunction.CANDIDATES)
                        .keyBy(c -> c.owner().sellerId(), Types.STRING)
                        .connect(protection.keyBy(TheftFlagProcessFunction::ownerOf, Types.STRING))
                        .process(
                                new TheftFlagProcessFunction(cfg.policyVersion()),
                                TypeInformation.of(TheftFlag.class))
                        .uid("theft-flags")
                        .name("theft flags: licences (T3), protection modes (T5)");

        // Complaint photos measured from their bytes (C2, C8 facts) and hashed (C3, C5)
        SingleOutputStreamOperator<ComplaintEvidence> evidence =
                AsyncDataStream.unorderedWait(
                                complaints,
                                new ComplaintEvidenceAsyncFunction(ingest, cfg.policyVersion()),
                                ingest.timeoutMillis(),
                                TimeUnit.MILLISECONDS,
                                cfg.images().capacity())
                        .uid("complaint-evidence")
                        .name("fetch, measure, hash complaint photos")
                        .process(
                                new SplitEvidenceProcessFunction(),
                                TypeInformation.of(ComplaintEvidence.class))
                        .uid("split-complaint-evidence")
                        .name("complaint evidence / unreadable photos");

        // Complaint adjudication and the complainant ledger land with their issues; until
        // then complaints, filed or automatic, end here under names that say so.
        evidence.sinkTo(new DiscardingSink<>())
                .name("complaints with evidence: no adjudication yet");
        theftFlags
                .getSideOutput(TheftFlagProcessFunction.AUTO_COMPLAINTS)
                .sinkTo(new DiscardingSink<>())
                .name("automatic complaints (T5): no adjudication yet");

        DataStream<Rejected> rejected =
                deduplicate(
                        routed.getSideOutput(RouteInputsProcessFunction.REJECTED)
                                .union(
                                        hashed.getSideOutput(SplitIngestedProcessFunction.REFUSED),
                                        evidence.getSideOutput(
                                                SplitEvidenceProcessFunction.REFUSED)),
                        Rejected::id,
                        InputTypes.REJECTED,
                        "dead-letter",
                        cfg);

        emit(OutputTopic.FIRST_PUBLISH, firstPublish, sinks);
        emit(OutputTopic.THEFT_FLAGS, theftFlags, sinks);
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
