package io.imageguard.records;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * What every output record has: a stable id, its event time, and the key consumers partition by.
 */
public interface OutputEvent {
    String id();

    Instant eventTime();

    @JsonIgnore
    String partitionKey();
}
