package io.imageguard.records;

import java.time.Instant;
import java.util.Map;

/** Topic {@code complainant-scores}: the continuous abuse score of A6, with its named parts. */
public record ComplainantScore(
        String id,
        Instant eventTime,
        String policyVersion,
        String complainantId,
        double score,
        int complaints,
        int violations,
        Map<String, Double> components)
        implements OutputEvent {
    @Override
    public String partitionKey() {
        return complainantId;
    }
}
