package io.imageguard.ingest.fetch;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link SafeImageFetcher} may fetch and how long it may take. Immutable; build with {@link
 * #builder()}, whose defaults are safe for the internet (see docs/ingest.md for the matching {@code
 * images.*} configuration keys).
 *
 * @param schemes allowed network schemes among {@code https} and {@code http}
 * @param fileRoots directories {@code file} URLs must lie under; {@code file} is allowed exactly
 *     when this is not empty
 * @param allowedHosts host names (exact, or a suffix given as {@code .example.com}) that may be
 *     fetched from; empty allows every host whose addresses are public
 * @param allowedCidrs address blocks allowed although private, loopback, etc. (empty by default)
 * @param maxBytes largest body accepted, counted while reading
 * @param maxPixels largest width × height a header may claim
 * @param connectTimeout per connection attempt
 * @param readTimeout longest wait for the next bytes of a response
 * @param totalTimeout one attempt, redirects and body included (checked between reads, so it can be
 *     overrun by up to one {@code readTimeout})
 * @param maxRedirects redirects followed per attempt
 * @param retries further attempts after a transient failure (timeout, 5xx, 429, reset)
 * @param retryBackoff delay before the first retry; doubled for each next one
 * @param maxConnections pooled HTTP connections in total and per host
 */
public record ImageFetchPolicy(
        Set<String> schemes,
        List<Path> fileRoots,
        Set<String> allowedHosts,
        List<Cidr> allowedCidrs,
        long maxBytes,
        long maxPixels,
        Duration connectTimeout,
        Duration readTimeout,
        Duration totalTimeout,
        int maxRedirects,
        int retries,
        Duration retryBackoff,
        int maxConnections)
        implements Serializable {

    /**
     * C2 accepts originals up to 20 MB (20,971,520 bytes); the margin lets C2, not the fetch, judge
     * a slightly larger file.
     */
    public static final long DEFAULT_MAX_BYTES = 24L * 1024 * 1024;

    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private static final Set<String> NETWORK_SCHEMES = Set.of("https", "http");

    public ImageFetchPolicy {
        schemes = Set.copyOf(schemes.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
        if (!NETWORK_SCHEMES.containsAll(schemes)) {
            throw new IllegalArgumentException(
                    "schemes must be among "
                            + NETWORK_SCHEMES
                            + " (file is on by fileRoots): "
                            + schemes);
        }
        fileRoots = fileRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        allowedHosts =
                Set.copyOf(allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
        allowedCidrs = List.copyOf(allowedCidrs);
        positive("maxBytes", maxBytes);
        if (maxBytes > MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException("maxBytes must fit a byte array: " + maxBytes);
        }
        positive("maxPixels", maxPixels);
        positive("connectTimeout", connectTimeout);
        positive("readTimeout", readTimeout);
        positive("totalTimeout", totalTimeout);
        nonNegative("maxRedirects", maxRedirects);
        nonNegative("retries", retries);
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retryBackoff must not be negative");
        }
        positive("maxConnections", maxConnections);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The longest one {@link SafeImageFetcher#fetch} can take: every attempt at its total timeout
     * plus one read timeout, plus the backoffs between them. Size the async operator's timeout at
     * least this long, or its timeout decides instead of the fetcher.
     */
    public Duration worstCaseDuration() {
        Duration perAttempt = totalTimeout.plus(readTimeout);
        Duration total = perAttempt.multipliedBy(retries + 1L);
        for (int attempt = 0; attempt < retries; attempt++) {
            total = total.plus(backoffCeiling(attempt));
        }
        return total;
    }

    /** The most the backoff before retry number {@code attempt + 1} can be. */
    Duration backoffCeiling(int attempt) {
        return retryBackoff.multipliedBy(1L << Math.min(attempt, 16));
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /** {@link Path} is not serializable: travel as text and rebuild (and re-validate). */
    private Object writeReplace() {
        return new SerializedForm(this);
    }

    private static final class SerializedForm implements Serializable {
        private static final long serialVersionUID = 1L;

        private final Set<String> schemes;
        private final List<String> fileRoots;
        private final Set<String> allowedHosts;
        private final List<String> allowedCidrs;
        private final long maxBytes;
        private final long maxPixels;
        private final Duration connectTimeout;
        private final Duration readTimeout;
        private final Duration totalTimeout;
        private final int maxRedirects;
        private final int retries;
        private final Duration retryBackoff;
        private final int maxConnections;

        SerializedForm(ImageFetchPolicy p) {
            schemes = p.schemes;
            fileRoots = p.fileRoots.stream().map(Path::toString).toList();
            allowedHosts = p.allowedHosts;
            allowedCidrs = p.allowedCidrs.stream().map(Cidr::toString).toList();
            maxBytes = p.maxBytes;
            maxPixels = p.maxPixels;
            connectTimeout = p.connectTimeout;
            readTimeout = p.readTimeout;
            totalTimeout = p.totalTimeout;
            maxRedirects = p.maxRedirects;
            retries = p.retries;
            retryBackoff = p.retryBackoff;
            maxConnections = p.maxConnections;
        }

        private Object readResolve() {
            return new ImageFetchPolicy(
                    schemes,
                    fileRoots.stream().map(Path::of).toList(),
                    allowedHosts,
                    allowedCidrs.stream().map(Cidr::parse).toList(),
                    maxBytes,
                    maxPixels,
                    connectTimeout,
                    readTimeout,
                    totalTimeout,
                    maxRedirects,
                    retries,
                    retryBackoff,
                    maxConnections);
        }
    }

    /** Builds an {@link ImageFetchPolicy}; starts from the safe defaults. */
    public static final class Builder {
        private Set<String> schemes = Set.of("https", "http");
        private List<Path> fileRoots = List.of();
        private Set<String> allowedHosts = Set.of();
        private List<Cidr> allowedCidrs = List.of();
        private long maxBytes = DEFAULT_MAX_BYTES;
        private long maxPixels = DEFAULT_MAX_PIXELS;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(10);
        private Duration totalTimeout = Duration.ofSeconds(30);
        private int maxRedirects = 3;
        private int retries = 2;
        private Duration retryBackoff = Duration.ofMillis(500);
        private int maxConnections = 64;

        private Builder() {}

        public Builder schemes(Set<String> schemes) {
            this.schemes = schemes;
            return this;
        }

        public Builder fileRoots(List<Path> fileRoots) {
            this.fileRoots = fileRoots;
            return this;
        }

        public Builder allowedHosts(Set<String> allowedHosts) {
            this.allowedHosts = allowedHosts;
            return this;
        }

        public Builder allowedCidrs(List<Cidr> allowedCidrs) {
            this.allowedCidrs = allowedCidrs;
            return this;
        }

        public Builder maxBytes(long maxBytes) {
            this.maxBytes = maxBytes;
            return this;
        }

        public Builder maxPixels(long maxPixels) {
            this.maxPixels = maxPixels;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public Builder totalTimeout(Duration totalTimeout) {
            this.totalTimeout = totalTimeout;
            return this;
        }

        public Builder maxRedirects(int maxRedirects) {
            this.maxRedirects = maxRedirects;
            return this;
        }

        public Builder retries(int retries) {
            this.retries = retries;
            return this;
        }

        public Builder retryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public ImageFetchPolicy build() {
            return new ImageFetchPolicy(
                    schemes,
                    fileRoots,
                    allowedHosts,
                    allowedCidrs,
                    maxBytes,
                    maxPixels,
                    connectTimeout,
                    readTimeout,
                    totalTimeout,
                    maxRedirects,
                    retries,
                    retryBackoff,
                    maxConnections);
        }
    }
}
