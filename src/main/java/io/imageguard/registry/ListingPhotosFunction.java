package io.imageguard.registry;

import io.imageguard.records.ListingEvent;
import io.imageguard.records.ListingEventType;
import io.imageguard.records.ListingImage;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The photos of published and updated listings that carry a precomputed {@code hash}. Photos given
 * by {@code url} are fetched and hashed by the ingest stage (issue #5) and are not looked up here
 * yet; removals do not touch the registry, which records who published first.
 */
public final class ListingPhotosFunction implements FlatMapFunction<ListingEvent, ListingPhoto> {
    @Override
    public void flatMap(ListingEvent event, Collector<ListingPhoto> out) {
        if (event.type() == ListingEventType.LISTING_REMOVED) {
            return;
        }
        for (ListingImage image : event.images()) {
            out.collect(
                    new ListingPhoto(
                            event.eventId(),
                            event.eventTime(),
                            event.sellerId(),
                            event.listingId(),
                            image.imageId(),
                            image.role(),
                            image.hash() == null ? image.url() : null,
                            image.hash(),
                            image.watermarkId()));
        }
    }
}
