package io.imageguard.ingest;

import io.imageguard.records.Rejected;
import io.imageguard.registry.ListingPhoto;

/**
 * A listing photo after ingest: hashed (possibly found to carry too little information to be
 * matched), or refused with a dead-letter reason.
 */
public record IngestedPhoto(ListingPhoto photo, boolean lowInformation, Rejected rejected) {}
