package io.imageguard.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageFetchPolicyTest {

    @Test
    void defaultsAreSafe() {
        ImageFetchPolicy policy = ImageFetchPolicy.builder().build();

        assertThat(policy.schemes()).containsExactlyInAnyOrder("https", "http");
        assertThat(policy.fileRoots()).isEmpty();
        assertThat(policy.allowedCidrs()).isEmpty();
        assertThat(policy.allowedHosts()).isEmpty();
        // C2 accepts originals up to 20,971,520 bytes; the fetch limit must not be the one to
        // refuse them.
        assertThat(policy.maxBytes()).isGreaterThan(20_971_520L);
        assertThat(policy.maxPixels()).isEqualTo(50_000_000L);
        assertThat(policy.maxRedirects()).isEqualTo(3);
    }

    @Test
    void worstCaseCoversEveryAttemptAndBackoff() {
        ImageFetchPolicy policy =
                ImageFetchPolicy.builder()
                        .totalTimeout(Duration.ofSeconds(30))
                        .readTimeout(Duration.ofSeconds(10))
                        .retries(2)
                        .retryBackoff(Duration.ofMillis(500))
                        .build();

        // Three attempts of 30 s + 10 s, backoffs of at most 0.5 s and 1 s.
        assertThat(policy.worstCaseDuration()).isEqualTo(Duration.ofMillis(121_500));
    }

    @Test
    void rejectsFileAsANetworkSchemeAndNonsenseLimits() {
        assertThatThrownBy(
                        () -> ImageFetchPolicy.builder().schemes(Set.of("https", "file")).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageFetchPolicy.builder().maxBytes(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageFetchPolicy.builder().readTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageFetchPolicy.builder().retries(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        ImageFetchPolicy policy =
                ImageFetchPolicy.builder()
                        .fileRoots(List.of(Path.of("/srv/images")))
                        .allowedCidrs(List.of(Cidr.parse("127.0.0.1/32")))
                        .allowedHosts(Set.of(".cdn.example.com"))
                        .retries(4)
                        .build();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(policy);
        }
        Object copy;
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = in.readObject();
        }

        assertThat(copy).isEqualTo(policy);
    }
}
