package io.imageguard.ingest;

import io.imageguard.records.Rejected;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Complaints go on with their evidence; unreadable photos also go to {@link #REFUSED}. */
public final class SplitEvidenceProcessFunction
        extends ProcessFunction<ComplaintEvidence, ComplaintEvidence> {
    public static final OutputTag<Rejected> REFUSED =
            new OutputTag<>("refused-complaint-photos", TypeInformation.of(Rejected.class));

    @Override
    public void processElement(
            ComplaintEvidence value, Context ctx, Collector<ComplaintEvidence> out) {
        value.refusals().forEach(r -> ctx.output(REFUSED, r));
        out.collect(value);
    }
}
