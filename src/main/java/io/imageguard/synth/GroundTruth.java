package io.imageguard.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the synthetic marketplace knows and the job must find out: who the thieves and abusive
 * complainants are, every near-duplicate of a published photo (theft or not), and every complaint's
 * truth. Instants are ISO-8601 UTC strings, as in the event contract.
 *
 * @param thieves sellers that copy other sellers' photos as their trade (a distributor re-using
 *     photos after its licence was revoked also commits theft: see {@link Copy#theft()})
 * @param distributors sellers that re-use photos under licence
 * @param abusiveComplainants complainants that file unfounded complaints on purpose
 * @param copies every listing image made from another listing's image, in publish order
 * @param complaints every complaint filed, in filing order
 */
public record GroundTruth(
        long seed,
        List<String> thieves,
        List<String> distributors,
        List<String> abusiveComplainants,
        List<Copy> copies,
        List<ComplaintTruth> complaints) {

    /**
     * A listing image derived from an earlier published image ({@code owner*}) by {@code edit}
     * ({@code "none"} for an unchanged re-upload, else a {@link PhotoEdit#id()}). It is theft
     * unless the suspect is the owner itself or held the owner's licence when publishing.
     */
    public record Copy(
            String suspectSellerId,
            String suspectListingId,
            String suspectImageId,
            String suspectPublishedAt,
            String ownerSellerId,
            String ownerListingId,
            String ownerImageId,
            String ownerPublishedAt,
            String edit,
            boolean stress,
            boolean licensed,
            boolean sameSeller,
            boolean theft) {}

    /**
     * One complaint. {@code founded}: the accused listing really holds an unlicensed copy of the
     * complainant's photo. {@code kind}: {@code copy} for founded complaints; for unfounded ones
     * how the complainant cheats: {@code competitor-no-copy} (own genuine photo, the accused never
     * copied it), {@code downloaded-from-accused} (the accused's photo re-saved through an editor),
     * {@code too-small} (a small re-save of the accused's photo), {@code captured-after} (camera
     * EXIF dated after the accused published).
     */
    public record ComplaintTruth(
            String complaintId,
            String complainantId,
            boolean complainantIsSeller,
            String accusedSellerId,
            String accusedListingId,
            String filedAt,
            boolean founded,
            boolean abusive,
            String kind) {}

    /** Writes this truth as one pretty-printed JSON document. */
    public void write(Path file) throws IOException {
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(file.toFile(), this);
    }

    /** Reads a truth written by {@link #write}. */
    public static GroundTruth read(Path file) throws IOException {
        return new ObjectMapper().readValue(file.toFile(), GroundTruth.class);
    }
}
