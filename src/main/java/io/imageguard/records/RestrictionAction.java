package io.imageguard.records;

/** Decisions against complainants (A2, A3, A5). */
public enum RestrictionAction {
    WARNING,
    RESTRICT,
    RESTRICT_PERMANENT,
    CLOSE_ACCOUNT,
    LIFT
}
