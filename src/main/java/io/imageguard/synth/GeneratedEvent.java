package io.imageguard.synth;

import java.time.Instant;

/**
 * One generated input event: the topic it belongs to ({@code listings}, {@code complaints} or
 * {@code protection}), a record key that keeps one listing's, complaint's or seller's events on one
 * partition, its event time and id (also inside {@code json}), and the JSON object itself in the
 * contract's shape, on one line.
 */
public record GeneratedEvent(
        String topic, String key, String eventId, Instant eventTime, String json) {}
