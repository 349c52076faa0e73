package io.imageguard.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every output record writes exactly the fields contract/README.md documents for its topic. */
class OutputJsonTest {
    private static final Instant T = Instant.parse("2026-03-05T09:00:00Z");
    private static final List<String> COMMON = List.of("id", "eventTime", "policyVersion");

    private static List<String> fieldsOf(Object record) throws Exception {
        JsonNode node = Json.MAPPER.readTree(Json.write(record));
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> expected(String... topicFields) {
        List<String> all = new ArrayList<>(COMMON);
        all.addAll(List.of(topicFields));
        return all;
    }

    @Test
    void theftFlag() throws Exception {
        TheftFlag f =
                new TheftFlag(
                        "tf-1",
                        T,
                        "p",
                        "S-9",
                        "L-200",
                        "L-200/1",
                        ImageRole.MAIN,
                        "S-1",
                        "L-100",
                        "L-100/1",
                        T,
                        3,
                        8,
                        TheftAction.NOTIFIED,
                        false);
        assertThat(fieldsOf(f))
                .containsExactlyElementsOf(
                        expected(
                                "suspectSellerId",
                                "suspectListingId",
                                "suspectImageId",
                                "role",
                                "ownerSellerId",
                                "ownerListingId",
                                "ownerImageId",
                                "ownerPublishedAt",
                                "distance",
                                "threshold",
                                "action",
                                "correction"));
        JsonNode node = Json.MAPPER.readTree(Json.write(f));
        assertThat(node.get("eventTime").asText()).isEqualTo("2026-03-05T09:00:00Z");
        assertThat(node.get("action").asText()).isEqualTo("NOTIFIED");
        assertThat(node.get("correction").isBoolean()).isTrue();
    }

    @Test
    void firstPublish() throws Exception {
        assertThat(
                        fieldsOf(
                                new FirstPublishRecord(
                                        "fp", T, "p", "phash64:0f", "S", "L", "I", T, false)))
                .containsExactlyElementsOf(
                        expected(
                                "hash",
                                "sellerId",
                                "listingId",
                                "imageId",
                                "publishedAt",
                                "correction"));
    }

    @Test
    void complaintVerdict() throws Exception {
        ComplaintVerdict v =
                new ComplaintVerdict(
                        "v",
                        T,
                        "p",
                        "C-1",
                        "S-1",
                        "S-9",
                        "L-200",
                        VerdictOutcome.NOT_ESTABLISHED,
                        "NOT_ORIGINAL",
                        true,
                        0,
                        true,
                        List.of(new CheckResult("C2", false, "software Photoshop")));
        assertThat(fieldsOf(v))
                .containsExactlyElementsOf(
                        expected(
                                "complaintId",
                                "complainantId",
                                "accusedSellerId",
                                "accusedListingId",
                                "outcome",
                                "reason",
                                "violation",
                                "points",
                                "counted",
                                "reasons"));
        JsonNode reason = Json.MAPPER.readTree(Json.write(v)).get("reasons").get(0);
        assertThat(reason.get("rule").asText()).isEqualTo("C2");
        assertThat(reason.get("passed").asBoolean()).isFalse();
        assertThat(reason.get("detail").asText()).isEqualTo("software Photoshop");
    }

    @Test
    void restrictionDecisionWritesNullForPermanent() throws Exception {
        RestrictionDecision d =
                new RestrictionDecision(
                        "r",
                        T,
                        "p",
                        "S-1",
                        RestrictionAction.RESTRICT_PERMANENT,
                        0,
                        null,
                        2,
                        List.of("C-1", "C-2"),
                        "DHGATE_LADDER");
        assertThat(fieldsOf(d))
                .containsExactlyElementsOf(
                        expected(
                                "complainantId",
                                "action",
                                "yellowCards",
                                "restrictedUntil",
                                "violationsInWindow",
                                "complaintIds",
                                "policy"));
        assertThat(Json.MAPPER.readTree(Json.write(d)).get("restrictedUntil").isNull()).isTrue();
    }

    @Test
    void enforcementAction() throws Exception {
        assertThat(
                        fieldsOf(
                                new EnforcementAction(
                                        "e",
                                        T,
                                        "p",
                                        "S-9",
                                        "L-200",
                                        EnforcementActionType.REMOVE_IMAGES,
                                        List.of("L-200/1"),
                                        0,
                                        "C-1")))
                .containsExactlyElementsOf(
                        expected(
                                "sellerId",
                                "listingId",
                                "action",
                                "imageIds",
                                "points",
                                "complaintId"));
    }

    @Test
    void complainantScore() throws Exception {
        assertThat(
                        fieldsOf(
                                new ComplainantScore(
                                        "s", T, "p", "S-1", 0.25, 4, 1, Map.of("volume", 0.1))))
                .containsExactlyElementsOf(
                        expected(
                                "complainantId",
                                "score",
                                "complaints",
                                "violations",
                                "components"));
    }

    @Test
    void rejected() throws Exception {
        assertThat(
                        fieldsOf(
                                new Rejected(
                                        "d",
                                        null,
                                        "p",
                                        "listings",
                                        RejectReason.NOT_JSON,
                                        "why",
                                        "{")))
                .containsExactlyElementsOf(expected("sourceTopic", "reason", "detail", "payload"));
    }
}
