package io.imageguard.records;

/** Outcome of a complaint (SPEC §3). */
public enum VerdictOutcome {
    ESTABLISHED,
    NOT_ESTABLISHED,
    REJECTED,
    WITHDRAWN
}
