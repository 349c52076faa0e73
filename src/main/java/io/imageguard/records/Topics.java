package io.imageguard.records;

/**
 * Logical names of the input topics, as the contract names them. The Kafka topic each one is read
 * from is configured ({@code topics.*}); these names travel inside the job.
 */
public final class Topics {
    public static final String LISTINGS = "listings";
    public static final String COMPLAINTS = "complaints";
    public static final String PROTECTION = "protection";

    /** A replayed line whose {@code type} cannot be read belongs to no known topic. */
    public static final String UNKNOWN = "unknown";

    private Topics() {}
}
