package io.imageguard.testing;

import io.imageguard.records.Topics;
import java.time.Instant;
import java.util.List;

/** Contract events as JSON text, built by hand for tests, with named instants. */
public final class TestEvents {
    public static final Instant MAR_01_10H = Instant.parse("2026-03-01T10:00:00Z");
    public static final Instant MAR_02_10H = Instant.parse("2026-03-02T10:00:00Z");
    public static final Instant MAR_03_10H = Instant.parse("2026-03-03T10:00:00Z");

    /** Far after every test event: pushes event time past all of them. */
    public static final Instant YEAR_LATER = Instant.parse("2027-03-01T00:00:00Z");

    private TestEvents() {}

    /**
     * {@code n} distinct {@code phash64} texts, pairwise at least 27 bits apart: more than twice
     * any radius the tests use, so no two are near-duplicates. Fixed seed: the same every run.
     */
    public static List<String> farApartHashes(int n) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(20261123);
        List<Long> chosen = new java.util.ArrayList<>();
        while (chosen.size() < n) {
            long candidate = rnd.nextLong();
            if (chosen.stream().allMatch(c -> Long.bitCount(c ^ candidate) >= 27)) {
                chosen.add(candidate);
            }
        }
        return chosen.stream().map(h -> String.format("phash64:%016x", h)).toList();
    }

    public static String[] on(String topic, String json) {
        return new String[] {topic, json};
    }

    /** {@code images}: pairs of imageId and precomputed hash text, all with role MAIN. */
    public static String[] listingPublished(
            String eventId, Instant t, String listingId, String sellerId, String... images) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < images.length; i += 2) {
            if (i > 0) {
                list.append(',');
            }
            list.append("{\"imageId\":\"")
                    .append(images[i])
                    .append("\",\"role\":\"MAIN\",\"hash\":\"")
                    .append(images[i + 1])
                    .append("\"}");
        }
        return on(
                Topics.LISTINGS,
                "{\"type\":\"LISTING_PUBLISHED\",\"eventId\":\""
                        + eventId
                        + "\",\"eventTime\":\""
                        + t
                        + "\",\"listingId\":\""
                        + listingId
                        + "\",\"sellerId\":\""
                        + sellerId
                        + "\",\"images\":["
                        + list
                        + "]}");
    }

    public static String[] protectionEnrolled(
            String eventId, Instant t, String sellerId, String mode) {
        return on(
                Topics.PROTECTION,
                "{\"type\":\"PROTECTION_ENROLLED\",\"eventId\":\""
                        + eventId
                        + "\",\"eventTime\":\""
                        + t
                        + "\",\"sellerId\":\""
                        + sellerId
                        + "\",\"mode\":\""
                        + mode
                        + "\"}");
    }

    public static String[] license(
            String type, String eventId, Instant t, String owner, String licensee) {
        return on(
                Topics.PROTECTION,
                "{\"type\":\""
                        + type
                        + "\",\"eventId\":\""
                        + eventId
                        + "\",\"eventTime\":\""
                        + t
                        + "\",\"ownerSellerId\":\""
                        + owner
                        + "\",\"licenseeSellerId\":\""
                        + licensee
                        + "\"}");
    }

    /**
     * Harmless events far in the future, one per input topic: they move every partition's watermark
     * past all the events before them, without relying on idleness.
     */
    public static List<String[]> endOfTestSentinels() {
        return List.of(
                protectionEnrolled("ev-sentinel-p", YEAR_LATER, "S-sentinel", "OFF"),
                on(
                        Topics.LISTINGS,
                        "{\"type\":\"LISTING_REMOVED\",\"eventId\":\"ev-sentinel-l\","
                                + "\"eventTime\":\""
                                + YEAR_LATER
                                + "\",\"listingId\":\"L-sentinel\","
                                + "\"sellerId\":\"S-sentinel\"}"),
                on(
                        Topics.COMPLAINTS,
                        "{\"type\":\"COMPLAINT_WITHDRAWN\",\"eventId\":\"ev-sentinel-c\","
                                + "\"eventTime\":\""
                                + YEAR_LATER
                                + "\",\"complaintId\":\"C-sentinel\","
                                + "\"complainantId\":\"S-sentinel\",\"accusedSellerId\":\"S-sentinel\","
                                + "\"accusedListingId\":\"L-sentinel\"}"));
    }
}
