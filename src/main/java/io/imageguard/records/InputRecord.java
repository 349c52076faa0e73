package io.imageguard.records;

/**
 * What a source hands the topology: one parsed input, or its rejection. Exactly one of the four
 * payload fields is set. A single envelope type (rather than one stream per topic) lets the Kafka
 * source assign watermarks per partition across all three topics.
 */
public record InputRecord(
        String sourceTopic,
        ListingEvent listing,
        ComplaintEvent complaint,
        ProtectionEvent protection,
        Rejected rejected) {

    public static InputRecord of(ListingEvent e) {
        return new InputRecord(Topics.LISTINGS, e, null, null, null);
    }

    public static InputRecord of(ComplaintEvent e) {
        return new InputRecord(Topics.COMPLAINTS, null, e, null, null);
    }

    public static InputRecord of(ProtectionEvent e) {
        return new InputRecord(Topics.PROTECTION, null, null, e, null);
    }

    public static InputRecord of(Rejected r) {
        return new InputRecord(r.sourceTopic(), null, null, null, r);
    }

    /** Event time in epoch millis; Long.MIN_VALUE for rejections so they never move watermarks. */
    public long eventTimeMillis() {
        if (listing != null) {
            return listing.eventTime().toEpochMilli();
        } else if (complaint != null) {
            return complaint.eventTime().toEpochMilli();
        } else if (protection != null) {
            return protection.eventTime().toEpochMilli();
        }
        return Long.MIN_VALUE;
    }
}
