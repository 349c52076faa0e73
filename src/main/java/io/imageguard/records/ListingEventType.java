package io.imageguard.records;

/** Event types of the {@code listings} topic. */
public enum ListingEventType {
    LISTING_PUBLISHED,
    /** {@code images} is the full new list: images left out are removed. */
    LISTING_UPDATED,
    LISTING_REMOVED
}
