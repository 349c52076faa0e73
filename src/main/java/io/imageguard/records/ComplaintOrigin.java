package io.imageguard.records;

/** Who filed a complaint: a person, or the job itself for an AUTO_COMPLAIN owner (T5). */
public enum ComplaintOrigin {
    MANUAL,
    AUTO_PROTECTION
}
