package io.imageguard.pipeline;

import io.imageguard.records.ComplaintEvent;
import io.imageguard.records.InputRecord;
import io.imageguard.records.ListingEvent;
import io.imageguard.records.ProtectionEvent;
import io.imageguard.records.Rejected;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Flink type information of the records that flow between operators (all POJO/record types). */
public final class InputTypes {
    public static final TypeInformation<InputRecord> INPUT = TypeInformation.of(InputRecord.class);
    public static final TypeInformation<ListingEvent> LISTING =
            TypeInformation.of(ListingEvent.class);
    public static final TypeInformation<ComplaintEvent> COMPLAINT =
            TypeInformation.of(ComplaintEvent.class);
    public static final TypeInformation<ProtectionEvent> PROTECTION =
            TypeInformation.of(ProtectionEvent.class);
    public static final TypeInformation<Rejected> REJECTED = TypeInformation.of(Rejected.class);
    public static final TypeInformation<OutputRecord> OUTPUT =
            TypeInformation.of(OutputRecord.class);

    private InputTypes() {}
}
