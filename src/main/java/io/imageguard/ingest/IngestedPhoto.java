package io.imageguard.ingest;

import io.imageguard.records.Rejected;
import io.imageguard.registry.ListingPhoto;

/** A listing photo after ingest: hashed, or refused with a dead-letter reason. */
public record IngestedPhoto(ListingPhoto photo, Rejected rejected) {}
