package io.imageguard.ingest;

import io.imageguard.records.Rejected;
import io.imageguard.registry.ListingPhoto;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Hashed photos go on to the registry; refused ones to {@link #REFUSED}, for dead-letter.
 * Low-information photos (blank, near-uniform, tiny) would match everything: they are neither
 * registered nor flagged, only counted (metric {@code lowInformationPhotos}).
 */
public final class SplitIngestedProcessFunction
        extends ProcessFunction<IngestedPhoto, ListingPhoto> {
    public static final OutputTag<Rejected> REFUSED =
            new OutputTag<>("refused-photos", TypeInformation.of(Rejected.class));

    private transient Counter lowInformation;

    @Override
    public void open(OpenContext openContext) {
        lowInformation = getRuntimeContext().getMetricGroup().counter("lowInformationPhotos");
    }

    @Override
    public void processElement(IngestedPhoto value, Context ctx, Collector<ListingPhoto> out) {
        if (value.rejected() != null) {
            ctx.output(REFUSED, value.rejected());
        } else if (value.lowInformation()) {
            lowInformation.inc();
        } else {
            out.collect(value.photo());
        }
    }
}
