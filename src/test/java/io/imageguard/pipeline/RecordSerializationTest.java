package io.imageguard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.imageguard.ingest.ComplaintEvidence;
import io.imageguard.ingest.IngestedPhoto;
import io.imageguard.ingest.MeasuredPhoto;
import io.imageguard.ingest.facts.PhotoFacts;
import io.imageguard.ingest.fetch.ImageFormat;
import io.imageguard.records.ComplaintEvent;
import io.imageguard.records.ComplaintEventType;
import io.imageguard.records.ComplaintOrigin;
import io.imageguard.records.Exif;
import io.imageguard.records.ImageRole;
import io.imageguard.records.InputRecord;
import io.imageguard.records.ListingEvent;
import io.imageguard.records.ListingEventType;
import io.imageguard.records.ListingImage;
import io.imageguard.records.Photo;
import io.imageguard.records.RejectReason;
import io.imageguard.records.Rejected;
import io.imageguard.registry.ListingPhoto;
import io.imageguard.registry.TheftCandidate;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every record that crosses operators has a Flink serializer: no Kryo fallback (STYLE 8). */
class RecordSerializationTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    static Stream<Object[]> records() {
        ListingEvent listing =
                new ListingEvent(
                        ListingEventType.LISTING_PUBLISHED,
                        "e1",
                        T,
                        "L-1",
                        "S-1",
                        List.of(new ListingImage("i1", ImageRole.MAIN, null, "phash64:0f", "WM")));
        ComplaintEvent complaint =
                new ComplaintEvent(
                        ComplaintEventType.COMPLAINT_FILED,
                        "e2",
                        T,
                        "C-1",
                        "S-1",
                        true,
                        "S-9",
                        "L-9",
                        ComplaintOrigin.MANUAL,
                        new Photo(
                                "https://x/y.jpg",
                                null,
                                "JPEG",
                                300000L,
                                new Exif("Canon", "R6", T, null)),
                        List.of(),
                        false,
                        false,
                        null);
        Rejected rejected =
                new Rejected("r", null, "p", "listings", RejectReason.NOT_JSON, "d", "{");
        ListingPhoto photo =
                new ListingPhoto(
                        "e1", T, "S-1", "L-1", "i1", ImageRole.MAIN, null, "phash64:0f", null);
        PhotoFacts facts =
                new PhotoFacts(ImageFormat.JPEG, 300000, "Canon", "R6", T, null, List.of("note"));
        MeasuredPhoto measured =
                new MeasuredPhoto(
                        "original", "file:///p.jpg", "phash64:0f", false, facts, null, null);
        return Stream.of(
                new Object[] {TypeInformation.of(ListingPhoto.class), photo},
                new Object[] {
                    TypeInformation.of(TheftCandidate.class),
                    new TheftCandidate(photo, photo, 3, 8, true)
                },
                new Object[] {
                    TypeInformation.of(IngestedPhoto.class), new IngestedPhoto(photo, true, null)
                },
                new Object[] {
                    TypeInformation.of(ComplaintEvidence.class),
                    new ComplaintEvidence(complaint, List.of(measured), List.of(rejected))
                },
                new Object[] {InputTypes.INPUT, InputRecord.of(listing)},
                new Object[] {InputTypes.INPUT, InputRecord.of(complaint)},
                new Object[] {InputTypes.INPUT, InputRecord.of(rejected)},
                new Object[] {InputTypes.LISTING, listing},
                new Object[] {InputTypes.COMPLAINT, complaint},
                new Object[] {InputTypes.REJECTED, rejected},
                new Object[] {InputTypes.OUTPUT, new OutputRecord("k", null, "id", "{}")});
    }

    @ParameterizedTest
    @MethodSource("records")
    <T> void roundTripsWithoutKryo(TypeInformation<T> type, T value) throws Exception {
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false); // creating a Kryo serializer anywhere below now throws
        TypeSerializer<T> serializer = type.createSerializer(config);

        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        T copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(copy).isEqualTo(value);
    }
}
