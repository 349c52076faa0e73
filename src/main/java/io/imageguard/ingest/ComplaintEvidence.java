package io.imageguard.ingest;

import io.imageguard.records.ComplaintEvent;
import io.imageguard.records.Rejected;
import java.util.List;

/**
 * A complaint event with its photos measured, for adjudication; {@code refusals} are the
 * dead-letter records of photos that could not be read (the complaint goes on without them).
 */
public record ComplaintEvidence(
        ComplaintEvent complaint, List<MeasuredPhoto> photos, List<Rejected> refusals) {}
