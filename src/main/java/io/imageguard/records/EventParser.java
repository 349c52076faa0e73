package io.imageguard.records;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Strict reader of the event contract (contract/README.md, version 1). Every input becomes either a
 * typed event or a {@link Rejected} naming what is wrong: missing required field, wrong JSON type,
 * unknown enum value, bad timestamp, non-JSON, oversize. Unknown extra fields are ignored so
 * producers can add fields without breaking the job.
 */
public final class EventParser implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final ObjectMapper STRICT =
            JsonMapper.builder()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    /** {@code <algorithm>:<hex>}, several views comma-separated. */
    private static final Pattern HASH_TEXT =
            Pattern.compile("[a-z0-9][a-z0-9-]*:[0-9a-f]+(,[a-z0-9][a-z0-9-]*:[0-9a-f]+)*");

    private final int maxRecordBytes;
    private final String policyVersion;

    public EventParser(int maxRecordBytes, String policyVersion) {
        this.maxRecordBytes = maxRecordBytes;
        this.policyVersion = policyVersion;
    }

    /**
     * @param payload the record value as received
     * @param arrivedOn the logical topic it arrived on, or null when the type alone tells (replay)
     */
    public InputRecord parse(byte[] payload, String arrivedOn) {
        String topic = arrivedOn == null ? Topics.UNKNOWN : arrivedOn;
        if (payload == null) {
            return reject(topic, RejectReason.NOT_JSON, "empty record", "", null);
        }
        if (payload.length > maxRecordBytes) {
            String head = new String(payload, 0, maxRecordBytes, StandardCharsets.UTF_8);
            return reject(
                    topic,
                    RejectReason.OVERSIZE,
                    payload.length
                            + " bytes, limit "
                            + maxRecordBytes
                            + "; payload truncated to the limit",
                    head,
                    null);
        }
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(payload))
                            .toString();
        } catch (CharacterCodingException e) {
            return reject(
                    topic,
                    RejectReason.NOT_UTF8,
                    "not valid UTF-8",
                    new String(payload, StandardCharsets.UTF_8),
                    null);
        }
        return parse(text, arrivedOn);
    }

    /** As {@link #parse(byte[], String)}, for text already decoded (a replay file's line). */
    public InputRecord parse(String text, String arrivedOn) {
        String topic = arrivedOn == null ? Topics.UNKNOWN : arrivedOn;
        if (text.getBytes(StandardCharsets.UTF_8).length > maxRecordBytes) {
            return parse(text.getBytes(StandardCharsets.UTF_8), arrivedOn);
        }
        JsonNode root;
        try {
            root = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            return reject(topic, RejectReason.NOT_JSON, e.getOriginalMessage(), text, null);
        }
        if (root == null || !root.isObject()) {
            return reject(topic, RejectReason.NOT_JSON, "not a JSON object", text, null);
        }
        Fields f = new Fields(root, "");
        Instant eventTime = null;
        try {
            String typeName = f.text("type");
            String typeTopic = topicOf(typeName);
            if (arrivedOn == null) {
                topic = typeTopic;
            } else if (!arrivedOn.equals(typeTopic)) {
                throw new RejectedInputException(
                        RejectReason.WRONG_TOPIC,
                        "type " + typeName + " belongs on " + typeTopic + ", not " + arrivedOn);
            }
            String eventId = f.text("eventId");
            eventTime = f.instant("eventTime");
            switch (typeTopic) {
                case Topics.LISTINGS:
                    return InputRecord.of(listing(f, typeName, eventId, eventTime));
                case Topics.COMPLAINTS:
                    return InputRecord.of(complaint(f, typeName, eventId, eventTime));
                default:
                    return InputRecord.of(protection(f, typeName, eventId, eventTime));
            }
        } catch (RejectedInputException e) {
            return reject(topic, e.reason(), e.getMessage(), text, eventTime);
        }
    }

    private static String topicOf(String type) throws RejectedInputException {
        for (ListingEventType t : ListingEventType.values()) {
            if (t.name().equals(type)) {
                return Topics.LISTINGS;
            }
        }
        for (ComplaintEventType t : ComplaintEventType.values()) {
            if (t.name().equals(type)) {
                return Topics.COMPLAINTS;
            }
        }
        for (ProtectionEventType t : ProtectionEventType.values()) {
            if (t.name().equals(type)) {
                return Topics.PROTECTION;
            }
        }
        throw new RejectedInputException(
                RejectReason.UNKNOWN_TYPE, "type '" + type + "' is not an event of the contract");
    }

    private static ListingEvent listing(
            Fields f, String typeName, String eventId, Instant eventTime)
            throws RejectedInputException {
        ListingEventType type = ListingEventType.valueOf(typeName);
        String listingId = f.text("listingId");
        String sellerId = f.text("sellerId");
        List<ListingImage> images = new ArrayList<>();
        if (type != ListingEventType.LISTING_REMOVED) {
            List<Fields> items = f.objects("images");
            for (Fields image : items) {
                String url = image.optionalText("url");
                String hash = hashText(image);
                if (url == null && hash == null) {
                    throw new RejectedInputException(
                            RejectReason.INVALID_VALUE, image.path + " has neither url nor hash");
                }
                images.add(
                        new ListingImage(
                                image.text("imageId"),
                                image.enumValue("role", ImageRole.class),
                                url,
                                hash,
                                image.optionalText("watermarkId")));
            }
        }
        return new ListingEvent(type, eventId, eventTime, listingId, sellerId, List.copyOf(images));
    }

    private static ComplaintEvent complaint(
            Fields f, String typeName, String eventId, Instant eventTime)
            throws RejectedInputException {
        ComplaintEventType type = ComplaintEventType.valueOf(typeName);
        String complaintId = f.text("complaintId");
        String complainantId = f.text("complainantId");
        String accusedSellerId = f.text("accusedSellerId");
        String accusedListingId = f.text("accusedListingId");
        switch (type) {
            case COMPLAINT_FILED:
                List<Photo> bts = new ArrayList<>();
                for (Fields p : f.optionalObjects("behindTheScenes")) {
                    bts.add(photo(p));
                }
                return new ComplaintEvent(
                        type,
                        eventId,
                        eventTime,
                        complaintId,
                        complainantId,
                        f.bool("complainantIsSeller"),
                        accusedSellerId,
                        accusedListingId,
                        f.enumValue("origin", ComplaintOrigin.class),
                        photo(f.object("original")),
                        List.copyOf(bts),
                        f.bool("faceModelShown"),
                        f.bool("modelProofProvided"),
                        f.optionalText("complainantWatermarkId"));
            case ACCUSED_RESPONSE:
                return new ComplaintEvent(
                        type,
                        eventId,
                        eventTime,
                        complaintId,
                        complainantId,
                        null,
                        accusedSellerId,
                        accusedListingId,
                        null,
                        photo(f.object("original")),
                        List.of(),
                        null,
                        null,
                        null);
            default:
                return new ComplaintEvent(
                        type,
                        eventId,
                        eventTime,
                        complaintId,
                        complainantId,
                        null,
                        accusedSellerId,
                        accusedListingId,
                        null,
                        null,
                        List.of(),
                        null,
                        null,
                        null);
        }
    }

    private static Photo photo(Fields p) throws RejectedInputException {
        String url = p.optionalText("url");
        String hash = hashText(p);
        if (url == null && hash == null) {
            throw new RejectedInputException(
                    RejectReason.INVALID_VALUE, p.path + " has neither url nor hash");
        }
        Long byteSize = p.optionalLong("byteSize");
        if (byteSize != null && byteSize < 0) {
            throw new RejectedInputException(
                    RejectReason.INVALID_VALUE, p.path + "byteSize is negative");
        }
        Exif exif = null;
        Fields e = p.optionalObject("exif");
        if (e != null) {
            exif =
                    new Exif(
                            e.optionalText("make"),
                            e.optionalText("model"),
                            e.optionalInstant("captureTime"),
                            e.optionalText("software"));
        }
        return new Photo(url, hash, p.optionalText("format"), byteSize, exif);
    }

    private static String hashText(Fields f) throws RejectedInputException {
        String hash = f.optionalText("hash");
        if (hash != null && !HASH_TEXT.matcher(hash).matches()) {
            throw new RejectedInputException(
                    RejectReason.INVALID_VALUE,
                    f.path + "hash is not <algorithm>:<hex>[,<algorithm>:<hex>...]");
        }
        return hash;
    }

    private static ProtectionEvent protection(
            Fields f, String typeName, String eventId, Instant eventTime)
            throws RejectedInputException {
        ProtectionEventType type = ProtectionEventType.valueOf(typeName);
        if (type == ProtectionEventType.PROTECTION_ENROLLED) {
            return new ProtectionEvent(
                    type,
                    eventId,
                    eventTime,
                    f.text("sellerId"),
                    f.enumValue("mode", ProtectionMode.class),
                    null,
                    null);
        }
        return new ProtectionEvent(
                type,
                eventId,
                eventTime,
                null,
                null,
                f.text("ownerSellerId"),
                f.text("licenseeSellerId"));
    }

    private InputRecord reject(
            String topic, RejectReason reason, String detail, String payload, Instant eventTime) {
        return InputRecord.of(
                new Rejected(
                        Ids.derive("rejected", topic, payload),
                        eventTime,
                        policyVersion,
                        topic,
                        reason,
                        detail,
                        payload));
    }

    /** Typed, strict access to one JSON object's fields; {@code path} prefixes every detail. */
    private static final class Fields {
        private final JsonNode node;
        private final String path;

        Fields(JsonNode node, String path) {
            this.node = node;
            this.path = path;
        }

        private JsonNode required(String name) throws RejectedInputException {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                throw new RejectedInputException(
                        RejectReason.MISSING_FIELD, path + name + " is required");
            }
            return v;
        }

        private RejectedInputException wrongType(String name, String expected) {
            return new RejectedInputException(
                    RejectReason.WRONG_TYPE, path + name + " must be " + expected);
        }

        String text(String name) throws RejectedInputException {
            String v = textOf(name, required(name));
            if (v.isBlank()) {
                throw new RejectedInputException(
                        RejectReason.INVALID_VALUE, path + name + " is blank");
            }
            return v;
        }

        String optionalText(String name) throws RejectedInputException {
            JsonNode v = node.get(name);
            return v == null || v.isNull() ? null : textOf(name, v);
        }

        private String textOf(String name, JsonNode v) throws RejectedInputException {
            if (!v.isTextual()) {
                throw wrongType(name, "a string");
            }
            return v.textValue();
        }

        boolean bool(String name) throws RejectedInputException {
            JsonNode v = required(name);
            if (!v.isBoolean()) {
                throw wrongType(name, "true or false");
            }
            return v.booleanValue();
        }

        Long optionalLong(String name) throws RejectedInputException {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw wrongType(name, "an integer");
            }
            return v.longValue();
        }

        Instant instant(String name) throws RejectedInputException {
            return instantOf(name, required(name));
        }

        Instant optionalInstant(String name) throws RejectedInputException {
            JsonNode v = node.get(name);
            return v == null || v.isNull() ? null : instantOf(name, v);
        }

        private Instant instantOf(String name, JsonNode v) throws RejectedInputException {
            String s = textOf(name, v);
            // the contract's instants are UTC: an offset other than Z is a producer bug
            if (!s.endsWith("Z")) {
                throw new RejectedInputException(
                        RejectReason.BAD_TIMESTAMP,
                        path + name + " '" + s + "' is not an ISO-8601 UTC instant");
            }
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw new RejectedInputException(
                        RejectReason.BAD_TIMESTAMP,
                        path + name + " '" + s + "' is not an ISO-8601 UTC instant");
            }
        }

        <E extends Enum<E>> E enumValue(String name, Class<E> type) throws RejectedInputException {
            String s = textOf(name, required(name));
            try {
                return Enum.valueOf(type, s);
            } catch (IllegalArgumentException e) {
                throw new RejectedInputException(
                        RejectReason.UNKNOWN_ENUM,
                        path
                                + name
                                + " '"
                                + s
                                + "' is not one of "
                                + List.of(type.getEnumConstants()));
            }
        }

        Fields object(String name) throws RejectedInputException {
            JsonNode v = required(name);
            if (!v.isObject()) {
                throw wrongType(name, "an object");
            }
            return new Fields(v, path + name + ".");
        }

        Fields optionalObject(String name) throws RejectedInputException {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isObject()) {
                throw wrongType(name, "an object");
            }
            return new Fields(v, path + name + ".");
        }

        List<Fields> objects(String name) throws RejectedInputException {
            return objectsOf(name, required(name));
        }

        List<Fields> optionalObjects(String name) throws RejectedInputException {
            JsonNode v = node.get(name);
            return v == null || v.isNull() ? List.of() : objectsOf(name, v);
        }

        private List<Fields> objectsOf(String name, JsonNode v) throws RejectedInputException {
            if (!v.isArray()) {
                throw wrongType(name, "an array");
            }
            List<Fields> out = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                if (!item.isObject()) {
                    throw wrongType(name + "[" + i + "]", "an object");
                }
                out.add(new Fields(item, path + name + "[" + i + "]."));
            }
            return out;
        }
    }
}
