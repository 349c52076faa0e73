package io.imageguard.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.imageguard.ingest.PhotoHasher;
import io.imageguard.records.ImageRole;
import io.imageguard.synth.ImageOps;
import io.imageguard.synth.ProductPhotoPainter;
import java.time.Instant;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class RegistryEntryTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private static ListingPhoto photoWithViews() throws Exception {
        String hash =
                new PhotoHasher(100_000_000, 4.0, 512)
                        .hash(ImageOps.jpeg(ProductPhotoPainter.paint(21), 0.9f))
                        .hash();
        return new ListingPhoto(
                "ev-0001",
                T,
                "S-100001",
                "L-1000001",
                "L-1000001/1",
                ImageRole.MAIN,
                null,
                hash,
                "WM-S-100001");
    }

    @Test
    void entryGivesBackThePhotoAndItsHashText() throws Exception {
        ListingPhoto photo = photoWithViews();
        assertThat(RegistryEntry.of(photo).photo()).isEqualTo(photo);
        ListingPhoto phash = photo.withHash("phash64:8f3c00ff00ff1234");
        assertThat(RegistryEntry.of(phash).photo()).isEqualTo(phash);
    }

    @Test
    void hashReadFromStateIsTheHashTheEventCarried() throws Exception {
        for (String text : new String[] {photoWithViews().hash(), "phash64:8f3c00ff00ff1234"}) {
            RegistryHash parsed = RegistryHash.parse(text);
            RegistryHash fromState =
                    RegistryHash.fromState(
                            RegistryEntry.of(photoWithViews().withHash(text)).hash());

            assertThat(fromState.sameAs(parsed)).isTrue();
            assertThat(fromState.family()).isEqualTo(parsed.family());
            assertThat(fromState.storeKeys()).containsExactly(parsed.storeKeys());
            assertThat(fromState.probeKeys()).containsExactly(parsed.probeKeys());
        }
        assertThat(RegistryHash.parse("phash64:8f3c00ff00ff1234").storeKeys())
                .containsExactly(0x8f3c00ff00ff1234L);
    }

    @Test
    void stateTakesAtMostOneHundredBytesPerRegisteredView() throws Exception {
        ListingPhoto photo = photoWithViews();
        TypeSerializer<RegistryEntry> serializer =
                TypeInformation.of(RegistryEntry.class)
                        .createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(1024);
        serializer.serialize(RegistryEntry.of(photo), out);
        int views = RegistryHash.parse(photo.hash()).storeKeys().length;

        assertThat(views).isBetween(1, 8);
        // issue 6's budget; the entry holds every view's 64- and 256-bit hash plus the photo's ids
        assertThat(out.length() / (double) views).isLessThanOrEqualTo(100);
    }
}
