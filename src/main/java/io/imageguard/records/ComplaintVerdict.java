package io.imageguard.records;

import java.time.Instant;
import java.util.List;

/** Topic {@code complaint-verdicts}. {@code reason} is the SPEC code of the deciding check. */
public record ComplaintVerdict(
        String id,
        Instant eventTime,
        String policyVersion,
        String complaintId,
        String complainantId,
        String accusedSellerId,
        String accusedListingId,
        VerdictOutcome outcome,
        String reason,
        boolean violation,
        int points,
        boolean counted,
        List<CheckResult> reasons)
        implements OutputEvent {
    @Override
    public String partitionKey() {
        return complaintId;
    }
}
