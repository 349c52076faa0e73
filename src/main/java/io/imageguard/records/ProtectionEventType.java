package io.imageguard.records;

/** Event types of the {@code protection} topic. */
public enum ProtectionEventType {
    PROTECTION_ENROLLED,
    LICENSE_GRANTED,
    LICENSE_REVOKED
}
