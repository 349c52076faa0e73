package io.imageguard.records;

/** Actions against an accused seller after an established complaint (P1, P2). */
public enum EnforcementActionType {
    REMOVE_IMAGES,
    DELIST,
    DEDUCT_POINTS
}
