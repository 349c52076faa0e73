package io.imageguard.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {
    private final EventParser parser = new EventParser(4096, "test-policy");

    static String contractExample(String name) throws IOException {
        try (InputStream in = EventParserTest.class.getResourceAsStream("/contract/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    @Test
    void readsPublishedListingExample() throws IOException {
        InputRecord r = parser.parse(contractExample("listing-published.json"), null);

        assertThat(r.rejected()).isNull();
        assertThat(r.sourceTopic()).isEqualTo("listings");
        assertThat(r.listing())
                .isEqualTo(
                        new ListingEvent(
                                ListingEventType.LISTING_PUBLISHED,
                                "ev-0001",
                                Instant.parse("2026-03-01T10:00:00Z"),
                                "L-100",
                                "S-1",
                                List.of(
                                        new ListingImage(
                                                "L-100/1",
                                                ImageRole.MAIN,
                                                "https://img.example.com/s1/dress-front.jpg",
                                                null,
                                                null),
                                        new ListingImage(
                                                "L-100/2",
                                                ImageRole.SKU,
                                                "https://img.example.com/s1/dress-red.jpg",
                                                null,
                                                "WM-S-1"))));
    }

    @Test
    void readsUpdatedAndRemovedListingExamples() throws IOException {
        ListingEvent updated =
                parser.parse(contractExample("listing-updated.json"), null).listing();
        assertThat(updated.type()).isEqualTo(ListingEventType.LISTING_UPDATED);
        assertThat(updated.images()).extracting(ListingImage::imageId).containsExactly("L-100/1");

        ListingEvent removed =
                parser.parse(contractExample("listing-removed.json"), null).listing();
        assertThat(removed.type()).isEqualTo(ListingEventType.LISTING_REMOVED);
        assertThat(removed.listingId()).isEqualTo("L-200");
        assertThat(removed.sellerId()).isEqualTo("S-9");
        assertThat(removed.eventTime()).isEqualTo(Instant.parse("2026-03-06T12:00:00Z"));
        assertThat(removed.images()).isEmpty();
    }

    @Test
    void readsFiledComplaintExample() throws IOException {
        ComplaintEvent c = parser.parse(contractExample("complaint-filed.json"), null).complaint();

        assertThat(c.type()).isEqualTo(ComplaintEventType.COMPLAINT_FILED);
        assertThat(c.eventId()).isEqualTo("ev-0101");
        assertThat(c.complaintId()).isEqualTo("C-1");
        assertThat(c.complainantId()).isEqualTo("S-1");
        assertThat(c.complainantIsSeller()).isTrue();
        assertThat(c.accusedSellerId()).isEqualTo("S-9");
        assertThat(c.accusedListingId()).isEqualTo("L-200");
        assertThat(c.origin()).isEqualTo(ComplaintOrigin.MANUAL);
        assertThat(c.original())
                .isEqualTo(
                        new Photo(
                                "https://evidence.example.com/c-1/original.jpg",
                                null,
                                "JPEG",
                                3145728L,
                                new Exif(
                                        "Canon",
                                        "EOS R6",
                                        Instant.parse("2026-02-27T08:00:00Z"),
                                        null)));
        assertThat(c.behindTheScenes()).hasSize(1);
        assertThat(c.behindTheScenes().get(0).exif().captureTime())
                .isEqualTo(Instant.parse("2026-02-27T08:03:10Z"));
        assertThat(c.faceModelShown()).isFalse();
        assertThat(c.modelProofProvided()).isFalse();
        assertThat(c.complainantWatermarkId()).isEqualTo("WM-S-1");
    }

    @Test
    void readsResponseAndWithdrawalExamples() throws IOException {
        ComplaintEvent response =
                parser.parse(contractExample("accused-response.json"), null).complaint();
        assertThat(response.type()).isEqualTo(ComplaintEventType.ACCUSED_RESPONSE);
        assertThat(response.original().exif().make()).isEqualTo("Sony");
        assertThat(response.original().byteSize()).isEqualTo(4194304L);

        ComplaintEvent withdrawn =
                parser.parse(contractExample("complaint-withdrawn.json"), null).complaint();
        assertThat(withdrawn.type()).isEqualTo(ComplaintEventType.COMPLAINT_WITHDRAWN);
        assertThat(withdrawn.complaintId()).isEqualTo("C-1");
        assertThat(withdrawn.original()).isNull();
    }

    @Test
    void readsProtectionExamples() throws IOException {
        assertThat(parser.parse(contractExample("protection-enrolled.json"), null).protection())
                .isEqualTo(
                        new ProtectionEvent(
                                ProtectionEventType.PROTECTION_ENROLLED,
                                "ev-0201",
                                Instant.parse("2026-02-01T00:00:00Z"),
                                "S-1",
                                ProtectionMode.AUTO_COMPLAIN,
                                null,
                                null));
        ProtectionEvent granted =
                parser.parse(contractExample("license-granted.json"), null).protection();
        assertThat(granted.type()).isEqualTo(ProtectionEventType.LICENSE_GRANTED);
        assertThat(granted.ownerSellerId()).isEqualTo("S-1");
        assertThat(granted.licenseeSellerId()).isEqualTo("S-5");
        ProtectionEvent revoked =
                parser.parse(contractExample("license-revoked.json"), null).protection();
        assertThat(revoked.type()).isEqualTo(ProtectionEventType.LICENSE_REVOKED);
        assertThat(revoked.eventTime()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    }

    @Test
    void ignoresUnknownExtraFields() {
        InputRecord r =
                parser.parse(
                        "{\"type\":\"LISTING_REMOVED\",\"eventId\":\"e1\","
                                + "\"eventTime\":\"2026-03-06T12:00:00Z\",\"listingId\":\"L-1\","
                                + "\"sellerId\":\"S-1\",\"newField\":{\"a\":[1,2]}}",
                        null);
        assertThat(r.listing()).isNotNull();
    }

    @Test
    void takesPrecomputedHashInsteadOfUrl() {
        InputRecord r =
                parser.parse(
                        "{\"type\":\"LISTING_PUBLISHED\",\"eventId\":\"e1\","
                                + "\"eventTime\":\"2026-03-01T10:00:00Z\",\"listingId\":\"L-1\","
                                + "\"sellerId\":\"S-1\",\"images\":[{\"imageId\":\"i1\","
                                + "\"role\":\"MAIN\",\"hash\":\"phash64:00ff00ff00ff00ff\"}]}",
                        null);
        assertThat(r.listing().images().get(0).hash()).isEqualTo("phash64:00ff00ff00ff00ff");
        assertThat(r.listing().images().get(0).url()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "missing listingId|{\"type\":\"LISTING_REMOVED\",\"eventId\":\"e1\",\"eventTime\":\"2026-03-06T12:00:00Z\",\"sellerId\":\"S-1\"}|MISSING_FIELD",
                "null eventId|{\"type\":\"LISTING_REMOVED\",\"eventId\":null,\"eventTime\":\"2026-03-06T12:00:00Z\",\"listingId\":\"L\",\"sellerId\":\"S-1\"}|MISSING_FIELD",
                "number for a string|{\"type\":\"LISTING_REMOVED\",\"eventId\":\"e1\",\"eventTime\":\"2026-03-06T12:00:00Z\",\"listingId\":42,\"sellerId\":\"S-1\"}|WRONG_TYPE",
                "string for a boolean|{\"type\":\"COMPLAINT_FILED\",\"eventId\":\"e1\",\"eventTime\":\"2026-03-05T09:00:00Z\",\"complaintId\":\"C\",\"complainantId\":\"S\",\"complainantIsSeller\":\"yes\",\"accusedSellerId\":\"A\",\"accusedListingId\":\"L\",\"origin\":\"MANUAL\",\"original\":{\"hash\":\"phash64:0f\"},\"faceModelShown\":false,\"modelProofProvided\":false}|WRONG_TYPE",
                "images not an array|{\"type\":\"LISTING_PUBLISHED\",\"eventId\":\"e1\",\"eventTime\":\"2026-03-01T10:00:00Z\",\"listingId\":\"L\",\"sellerId\":\"S\",\"images\":{}}|WRONG_TYPE",
                "unknown role|{\"type\":\"LISTING_PUBLISHED\",\"eventId\":\"e1\",\"eventTime\":\"2026-03-01T10:00:00Z\",\"listingId\":\"L\",\"sellerId\":\"S\",\"images\":[{\"imageId\":\"i\",\"role\":\"BANNER\",\"url\":\"https://x/y.jpg\"}]}|UNKNOWN_ENUM",
                "unknown mode|{\"type\":\"PROTECTION_ENROLLED\",\"eventId\":\"e1\",\"eventTime\":\"2026-02-01T00:00:00Z\",\"sellerId\":\"S\",\"mode\":\"SOMETIMES\"}|UNKNOWN_ENUM",
                "unknown type|{\"type\":\"LISTING_DELETED\",\"eventId\":\"e1\",\"eventTime\":\"2026-03-06T12:00:00Z\"}|UNKNOWN_TYPE",
                "date without time|{\"type\":\"LISTING_REMOVED\",\"eventId\":\"e1\",\"eventTime\":\"2026-03-06\",\"listingId\":\"L\",\"sellerId\":\"S-1\"}|BAD_TIMESTAMP",
                "offset not UTC|{\"type\":\"LISTING_REMOVED\",\"eventId\":\"e1\",\"eventTime\":\"2026-03-06T12:00:00+08:00\",\"listingId\":\"L\",\"sellerId\":\"S-1\"}|BAD_TIMESTAMP",
                "month 13|{\"type\":\"LISTING_REMOVED\",\"eventId\":\"e1\",\"eventTime\":\"2026-13-06T12:00:00Z\",\"listingId\":\"L\",\"sellerId\":\"S-1\"}|BAD_TIMESTAMP",
                "epoch number|{\"type\":\"LISTING_REMOVED\",\"eventId\":\"e1\",\"eventTime\":1772798400000,\"listingId\":\"L\",\"sellerId\":\"S-1\"}|WRONG_TYPE",
                "truncated JSON|{\"type\":\"LISTING_REMOVED\",\"eventId\":|NOT_JSON",
                "JSON array|[1,2,3]|NOT_JSON",
                "two objects|{\"a\":1} {\"b\":2}|NOT_JSON",
                "duplicate key|{\"type\":\"LISTING_REMOVED\",\"type\":\"LISTING_REMOVED\"}|NOT_JSON",
                "image without url or hash|{\"type\":\"LISTING_PUBLISHED\",\"eventId\":\"e1\",\"eventTime\":\"2026-03-01T10:00:00Z\",\"listingId\":\"L\",\"sellerId\":\"S\",\"images\":[{\"imageId\":\"i\",\"role\":\"MAIN\"}]}|INVALID_VALUE",
                "malformed hash|{\"type\":\"LISTING_PUBLISHED\",\"eventId\":\"e1\",\"eventTime\":\"2026-03-01T10:00:00Z\",\"listingId\":\"L\",\"sellerId\":\"S\",\"images\":[{\"imageId\":\"i\",\"role\":\"MAIN\",\"hash\":\"PHASH:xyz\"}]}|INVALID_VALUE",
                "blank id|{\"type\":\"LISTING_REMOVED\",\"eventId\":\" \",\"eventTime\":\"2026-03-06T12:00:00Z\",\"listingId\":\"L\",\"sellerId\":\"S-1\"}|INVALID_VALUE",
                "negative byteSize|{\"type\":\"ACCUSED_RESPONSE\",\"eventId\":\"e1\",\"eventTime\":\"2026-03-05T15:00:00Z\",\"complaintId\":\"C\",\"complainantId\":\"S\",\"accusedSellerId\":\"A\",\"accusedListingId\":\"L\",\"original\":{\"hash\":\"phash64:0f\",\"byteSize\":-1}}|INVALID_VALUE",
            })
    void rejectsWithReasonAndKeepsPayload(String why, String json, RejectReason reason) {
        InputRecord r = parser.parse(json, null);

        assertThat(r.rejected()).as(why).isNotNull();
        assertThat(r.rejected().reason()).as(why).isEqualTo(reason);
        assertThat(r.rejected().payload()).isEqualTo(json);
        assertThat(r.rejected().detail()).isNotBlank();
        assertThat(r.rejected().policyVersion()).isEqualTo("test-policy");
    }

    @Test
    void rejectedFieldDetailNamesTheField() {
        Rejected r =
                parser.parse(
                                "{\"type\":\"LISTING_PUBLISHED\",\"eventId\":\"e1\","
                                        + "\"eventTime\":\"2026-03-01T10:00:00Z\",\"listingId\":\"L\","
                                        + "\"sellerId\":\"S\",\"images\":[{\"imageId\":\"i\","
                                        + "\"role\":\"MAIN\",\"url\":7}]}",
                                null)
                        .rejected();
        assertThat(r.detail()).contains("images[0].url");
        // the event time was readable, so the rejection is placed in event time
        assertThat(r.eventTime()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(r.sourceTopic()).isEqualTo("listings");
    }

    @Test
    void rejectsOversizeRecordBeforeParsing() {
        byte[] big = ("{\"pad\":\"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8);
        Rejected r = parser.parse(big, "listings").rejected();
        assertThat(r.reason()).isEqualTo(RejectReason.OVERSIZE);
        assertThat(r.payload()).hasSize(4096);
        assertThat(r.sourceTopic()).isEqualTo("listings");
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(parser.parse(bytes, "complaints").rejected().reason())
                .isEqualTo(RejectReason.NOT_UTF8);
    }

    @Test
    void rejectsEventOnAnotherTopicsType() throws IOException {
        byte[] complaint = contractExample("complaint-filed.json").getBytes(StandardCharsets.UTF_8);
        Rejected r = parser.parse(complaint, "listings").rejected();
        assertThat(r.reason()).isEqualTo(RejectReason.WRONG_TOPIC);
        assertThat(r.sourceTopic()).isEqualTo("listings");
    }

    @Test
    void sameBadPayloadOnSameTopicGetsSameId() {
        Rejected a = parser.parse("not json", "listings").rejected();
        Rejected b = parser.parse("not json", "listings").rejected();
        Rejected c = parser.parse("not json", "complaints").rejected();
        assertThat(a.id()).isEqualTo(b.id()).isNotEqualTo(c.id());
    }
}
