package io.imageguard.records;

/** Where an image appears in a listing. Theft in any role counts (SPEC §1). */
public enum ImageRole {
    MAIN,
    CAROUSEL,
    DETAIL,
    SKU,
    WHITE_BACKGROUND,
    SCENE
}
