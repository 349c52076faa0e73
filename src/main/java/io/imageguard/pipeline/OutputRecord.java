package io.imageguard.pipeline;

/**
 * One serialized output record on its way to a sink.
 *
 * @param key Kafka record key (the entity consumers partition by)
 * @param timestamp the record's event time in epoch millis, or null when it has none
 * @param id the record's stable id, also inside {@code json}
 * @param json the record as its topic carries it
 */
public record OutputRecord(String key, Long timestamp, String id, String json) {}
