package io.imageguard.ingest;

import io.imageguard.ingest.facts.PhotoFacts;
import io.imageguard.records.RejectReason;

/**
 * One photo of a complaint as the job measured it: its hash and what its bytes say (format, size,
 * EXIF), which win over the facts the event declared (SPEC §3, C2 and C8); or why it could not be
 * read. A photo given only by {@code hash} has no measured facts.
 *
 * @param slot {@code original} or {@code behindTheScenes[i]}
 */
public record MeasuredPhoto(
        String slot,
        String url,
        String hash,
        boolean lowInformation,
        PhotoFacts facts,
        RejectReason refusal,
        String refusalDetail) {}
