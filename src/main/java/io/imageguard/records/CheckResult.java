package io.imageguard.records;

/** One line of a verdict's statement of reasons: a check by its SPEC id, and its evidence. */
public record CheckResult(String rule, boolean passed, String detail) {}
