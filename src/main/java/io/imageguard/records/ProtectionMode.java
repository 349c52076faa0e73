package io.imageguard.records;

/** What the job does for an owner whose photo is copied (T5). */
public enum ProtectionMode {
    NOTIFY,
    AUTO_COMPLAIN,
    OFF
}
