package io.imageguard.ingest;

import io.imageguard.records.Rejected;
import io.imageguard.registry.ListingPhoto;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Hashed photos go on to the registry; refused ones to {@link #REFUSED}, for dead-letter. */
public final class SplitIngestedProcessFunction
        extends ProcessFunction<IngestedPhoto, ListingPhoto> {
    public static final OutputTag<Rejected> REFUSED =
            new OutputTag<>("refused-photos", TypeInformation.of(Rejected.class));

    @Override
    public void processElement(IngestedPhoto value, Context ctx, Collector<ListingPhoto> out) {
        if (value.photo() != null) {
            out.collect(value.photo());
        } else {
            ctx.output(REFUSED, value.rejected());
        }
    }
}
