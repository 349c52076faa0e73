package io.imageguard.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A seeded synthetic marketplace: sellers publishing listings with their own photos, thieves
 * re-posting other sellers' photos after {@link PhotoEdit}s, distributors re-using photos under
 * licence (and sometimes after it is revoked), sellers re-using their own photos, listing updates
 * and removals, protection enrolments, honest and abusive complaints with their evidence files,
 * withdrawals and accused responses.
 *
 * <p>{@link #generate()} writes every photo as a JPEG under {@link Config#photoDir()} (listing
 * photos in {@code listings/}, complaint evidence in {@code complaints/}) and returns the events in
 * the JSON contract of {@code contract/README.md}, photos referenced by absolute {@code file:}
 * URLs, plus the {@link GroundTruth}. Complaint evidence declares its file facts ({@code format},
 * {@code byteSize}, {@code exif}); honest complainants declare exactly what the file holds (the
 * EXIF is written into it), some cheats declare better facts than their file has.
 *
 * <p>Event times spread over {@link Config#days()} from {@link Config#start()} (reactions that
 * would fall later are left out); events come out in event-time order except that each may be
 * overtaken by events up to {@link Config#maxDisorder()} later (a random delay per event, so the
 * disorder is bounded by it). Event ids are {@code g<seed>-<n>}, unique within one run and across
 * seeds. The same config gives the same events, byte for byte, and the same files.
 */
public final class MarketplaceGenerator {
    public static final String LISTINGS = "listings";
    public static final String COMPLAINTS = "complaints";
    public static final String PROTECTION = "protection";

    private static final String[] ROLES = {
        "CAROUSEL", "DETAIL", "SKU", "WHITE_BACKGROUND", "SCENE"
    };
    private static final String[][] CAMERAS = {
        {"Canon", "EOS R6"},
        {"Canon", "EOS 5D Mark IV"},
        {"SONY", "ILCE-7M3"},
        {"NIKON CORPORATION", "NIKON Z 6_2"},
        {"FUJIFILM", "X-T4"},
        {"Apple", "iPhone 14 Pro"},
        {"samsung", "SM-S918B"}
    };

    /** Camera firmware strings: a software tag that is not editing. */
    private static final String[] FIRMWARE = {"Ver.1.10", "1.8.1", "17.1.2", "S918BXXU1AWBD"};

    private static final String[] EDITORS = {
        "Adobe Photoshop 25.0 (Windows)", "Adobe Photoshop Lightroom Classic 13.0", "GIMP 2.10.34",
        "Snapseed 2.0", "Meitu", "PicsArt"
    };
    private static final String[] MESSENGERS = {"WeChat", "WhatsApp", "Telegram"};
    private static final float LISTING_QUALITY = 0.9f;
    private static final long MIN_ORIGINAL_BYTES = 204_800;

    /** Camera JPEGs are saved at high quality; it also keeps originals above C2's size floor. */
    private static final float ORIGINAL_QUALITY = 0.96f;

    /**
     * The knobs of one synthetic marketplace.
     *
     * @param seed everything random derives from it
     * @param sellers number of platform sellers
     * @param thiefShare share of sellers that copy photos
     * @param listings number of honest listings with original photos (thieves, distributors and
     *     updates add more)
     * @param complaints number of complaints filed by people
     * @param maliciousShare share of those complaints that are unfounded on purpose
     * @param photoDir where photos are written (created if missing)
     * @param start event time of the marketplace's first moment
     * @param days simulated days over which events spread
     * @param maxDisorder bound on how far an event may arrive after a later-timed one
     * @param photoSide long side of listing photos in pixels (complaint originals are twice)
     */
    public record Config(
            long seed,
            int sellers,
            double thiefShare,
            int listings,
            int complaints,
            double maliciousShare,
            Path photoDir,
            Instant start,
            int days,
            Duration maxDisorder,
            int photoSide) {
        public Config {
            Objects.requireNonNull(photoDir, "photoDir");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(maxDisorder, "maxDisorder");
            if (sellers < 4) {
                throw new IllegalArgumentException("sellers must be at least 4: " + sellers);
            }
            if (thiefShare < 0 || thiefShare > 0.5) {
                throw new IllegalArgumentException("thiefShare must be in [0, 0.5]: " + thiefShare);
            }
            if (maliciousShare < 0 || maliciousShare > 1) {
                throw new IllegalArgumentException(
                        "maliciousShare must be in [0, 1]: " + maliciousShare);
            }
            if (listings < 1 || complaints < 0 || days < 3 || maxDisorder.isNegative()) {
                throw new IllegalArgumentException(
                        "need listings >= 1, complaints >= 0, days >= 3, maxDisorder >= 0");
            }
            if (photoSide < 64 || photoSide > 4000) {
                throw new IllegalArgumentException("photoSide must be in [64, 4000]: " + photoSide);
            }
        }

        /**
         * Demo-sized defaults: seed 1, 30 sellers, 15% thieves, 60 honest listings, 24 complaints
         * of which 30% malicious, from Monday 2026-03-02T08:00:00Z over 30 days, disorder up to an
         * hour, 800 px photos. That is about 300 photos.
         */
        public static Config defaults(Path photoDir) {
            return builder(photoDir).build();
        }

        /** A builder starting from the {@link #defaults}. */
        public static Builder builder(Path photoDir) {
            return new Builder(photoDir);
        }
    }

    /** Builds a {@link Config}; unset knobs keep the demo defaults. */
    public static final class Builder {
        private long seed = 1;
        private int sellers = 30;
        private double thiefShare = 0.15;
        private int listings = 60;
        private int complaints = 24;
        private double maliciousShare = 0.3;
        private Path photoDir;
        private Instant start = Instant.parse("2026-03-02T08:00:00Z");
        private int days = 30;
        private Duration maxDisorder = Duration.ofHours(1);
        private int photoSide = 800;

        private Builder(Path photoDir) {
            this.photoDir = photoDir;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder sellers(int v) {
            sellers = v;
            return this;
        }

        public Builder thiefShare(double v) {
            thiefShare = v;
            return this;
        }

        public Builder listings(int v) {
            listings = v;
            return this;
        }

        public Builder complaints(int v) {
            complaints = v;
            return this;
        }

        public Builder maliciousShare(double v) {
            maliciousShare = v;
            return this;
        }

        public Builder photoDir(Path v) {
            photoDir = v;
            return this;
        }

        public Builder start(Instant v) {
            start = v;
            return this;
        }

        public Builder days(int v) {
            days = v;
            return this;
        }

        public Builder maxDisorder(Duration v) {
            maxDisorder = v;
            return this;
        }

        public Builder photoSide(int v) {
            photoSide = v;
            return this;
        }

        /** The config; invalid values fail here, naming the knob. */
        public Config build() {
            return new Config(
                    seed,
                    sellers,
                    thiefShare,
                    listings,
                    complaints,
                    maliciousShare,
                    photoDir,
                    start,
                    days,
                    maxDisorder,
                    photoSide);
        }
    }

    /** The generated events, in emission order, and the truth behind them. */
    public record Result(List<GeneratedEvent> events, GroundTruth truth) {
        /** Writes the events as one JSON-lines file of mixed topics, as {@code replay} reads. */
        public void writeEvents(Path file) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (GeneratedEvent e : events) {
                sb.append(e.json()).append('\n');
            }
            Files.writeString(file, sb, StandardCharsets.UTF_8);
        }

        /** The events of one topic, in emission order. */
        public List<GeneratedEvent> topic(String topic) {
            return events.stream().filter(e -> e.topic().equals(topic)).toList();
        }
    }

    private enum SellerKind {
        HONEST,
        THIEF,
        DISTRIBUTOR
    }

    private record Seller(
            String id, SellerKind kind, boolean abusive, String watermarkId, String[] camera) {}

    /** How a photo's pixels come about: painted from seeds, or another image after an edit. */
    private interface Source {
        BufferedImage render(int side);
    }

    private record Painted(long product, long shot, boolean onWhite) implements Source {
        @Override
        public BufferedImage render(int side) {
            return ProductPhotoPainter.paint(product, shot, side, onWhite);
        }
    }

    private record Edited(Img from, PhotoEdit edit, long editSeed) implements Source {
        @Override
        public BufferedImage render(int side) {
            BufferedImage src = from.source.render(side);
            return edit == null ? src : edit.apply(src, new SplittableRandom(editSeed));
        }
    }

    private static final class Img {
        final String imageId;
        final String role;
        final Source source;
        final String watermarkId;
        final Path file;

        /** The listing that published these pixels first, and the image id there. */
        final Listing origin;

        final String originImageId;

        Img(
                String imageId,
                String role,
                Source source,
                String watermarkId,
                Path file,
                Listing origin,
                String originImageId) {
            this.imageId = imageId;
            this.role = role;
            this.source = source;
            this.watermarkId = watermarkId;
            this.file = file;
            this.origin = origin;
            this.originImageId = originImageId;
        }
    }

    private static final class Listing {
        final String id;
        final Seller seller;
        final Instant published;
        final List<Img> images = new ArrayList<>();
        Instant removed;
        boolean copiesOthers;

        Listing(String id, Seller seller, Instant published) {
            this.id = id;
            this.seller = seller;
            this.published = published;
        }
    }

    private record Pending(Instant time, String topic, String key, ObjectNode body) {}

    /** One file to write; {@code written} learns its size (declared sizes are filled in so). */
    private record PhotoJob(Path file, Supplier<byte[]> bytes, IntConsumer written) {
        PhotoJob(Path file, Supplier<byte[]> bytes) {
            this(file, bytes, size -> {});
        }
    }

    private final Config cfg;
    private final ObjectMapper json = new ObjectMapper();
    private final SplittableRandom rnd;
    private final Instant end;
    private final List<Pending> pending = new ArrayList<>();
    private final List<PhotoJob> photos = new ArrayList<>();
    private final List<Seller> sellers = new ArrayList<>();
    private final List<Listing> listings = new ArrayList<>();
    private final List<GroundTruth.Copy> copies = new ArrayList<>();
    private final List<GroundTruth.ComplaintTruth> complaintTruths = new ArrayList<>();
    private int listingSeq;
    private boolean revokedOnce;
    private int complaintSeq;

    public MarketplaceGenerator(Config cfg) {
        this.cfg = cfg;
        this.rnd = new SplittableRandom(cfg.seed());
        this.end = cfg.start().plus(Duration.ofDays(cfg.days()));
    }

    /** Plans the marketplace, writes its photos (on all cores) and returns events and truth. */
    public Result generate() throws IOException {
        Files.createDirectories(cfg.photoDir().resolve("listings"));
        Files.createDirectories(cfg.photoDir().resolve("complaints"));
        createSellers();
        enrolProtection();
        publishHonestListings();
        licenceDistributors();
        publishThiefListings();
        updateAndRemoveHonestListings();
        fileComplaints();
        writePhotos();
        List<GeneratedEvent> events = emit();
        List<Seller> abusive = sellers.stream().filter(Seller::abusive).toList();
        copies.sort(Comparator.comparing(GroundTruth.Copy::suspectPublishedAt));
        complaintTruths.sort(Comparator.comparing(GroundTruth.ComplaintTruth::filedAt));
        GroundTruth truth =
                new GroundTruth(
                        cfg.seed(),
                        ids(SellerKind.THIEF),
                        ids(SellerKind.DISTRIBUTOR),
                        abusive.stream().map(Seller::id).toList(),
                        List.copyOf(copies),
                        List.copyOf(complaintTruths));
        return new Result(events, truth);
    }

    private List<String> ids(SellerKind kind) {
        return sellers.stream().filter(s -> s.kind == kind).map(Seller::id).toList();
    }

    // ---- sellers and protection -------------------------------------------------------------

    private void createSellers() {
        int n = cfg.sellers();
        int thieves = (int) Math.round(n * cfg.thiefShare());
        int distributors = Math.max(1, n / 15);
        int abusive = cfg.complaints() > 0 && cfg.maliciousShare() > 0 ? Math.max(1, n / 12) : 0;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        shuffle(order);
        Seller[] byIndex = new Seller[n];
        for (int k = 0; k < n; k++) {
            int i = order.get(k);
            String id = String.format(Locale.ROOT, "S-%03d", i + 1);
            SellerKind kind =
                    k < thieves
                            ? SellerKind.THIEF
                            : k < thieves + distributors
                                    ? SellerKind.DISTRIBUTOR
                                    : SellerKind.HONEST;
            boolean isAbusive = kind == SellerKind.HONEST && k >= n - abusive;
            String watermark = kind == SellerKind.HONEST && rnd.nextInt(10) < 3 ? "WM-" + id : null;
            byIndex[i] =
                    new Seller(
                            id, kind, isAbusive, watermark, CAMERAS[rnd.nextInt(CAMERAS.length)]);
        }
        sellers.addAll(List.of(byIndex));
    }

    private void enrolProtection() {
        String[] modes = {"NOTIFY", "AUTO_COMPLAIN", "OFF"};
        for (Seller s : sellers) {
            if (s.kind == SellerKind.THIEF || rnd.nextBoolean()) {
                continue;
            }
            int m = rnd.nextInt(20);
            String mode = modes[m < 9 ? 0 : m < 17 ? 1 : 2];
            Instant t = between(cfg.start(), cfg.start().plus(Duration.ofDays(2)));
            event(t, PROTECTION, s.id, "PROTECTION_ENROLLED")
                    .put("sellerId", s.id)
                    .put("mode", mode);
            if (rnd.nextInt(10) == 0) {
                String next = mode.equals("NOTIFY") ? "AUTO_COMPLAIN" : "NOTIFY";
                event(
                                between(t.plus(Duration.ofDays(3)), end),
                                PROTECTION,
                                s.id,
                                "PROTECTION_ENROLLED")
                        .put("sellerId", s.id)
                        .put("mode", next);
            }
        }
    }

    // ---- listings ---------------------------------------------------------------------------

    private void publishHonestListings() {
        List<Seller> owners = sellers.stream().filter(s -> s.kind != SellerKind.THIEF).toList();
        List<Instant> times = new ArrayList<>();
        Instant lastPublish = cfg.start().plus(Duration.ofHours(cfg.days() * 24L * 3 / 4));
        for (int i = 0; i < cfg.listings(); i++) {
            times.add(between(cfg.start().plus(Duration.ofHours(1)), lastPublish));
        }
        times.sort(null);
        for (Instant t : times) {
            Seller seller = owners.get(rnd.nextInt(owners.size()));
            Listing l = newListing(seller, t);
            // Now and then a seller re-uses its own earlier main photo in a new listing.
            Listing earlier = rnd.nextInt(10) == 0 ? lastOf(seller, t) : null;
            long product = rnd.nextLong();
            int count = rnd.nextInt(2, 6);
            for (int k = 0; k < count; k++) {
                String role = k == 0 ? "MAIN" : ROLES[rnd.nextInt(ROLES.length)];
                if (k == 0 && earlier != null) {
                    Img own = earlier.images.get(0);
                    Img again =
                            new Img(
                                    imageId(l, k),
                                    role,
                                    own.source,
                                    own.watermarkId,
                                    own.file,
                                    own.origin,
                                    own.originImageId);
                    l.images.add(again);
                    copies.add(copy(l, again, own, "none", false));
                } else {
                    addPainted(l, role, product, seller.watermarkId);
                }
            }
            published(l);
        }
    }

    private void licenceDistributors() {
        for (Seller d : sellers) {
            if (d.kind != SellerKind.DISTRIBUTOR) {
                continue;
            }
            int owners = rnd.nextInt(1, 3);
            for (int k = 0; k < owners; k++) {
                Listing source =
                        pick(
                                l ->
                                        !l.seller.equals(d)
                                                && !l.copiesOthers
                                                && l.published.isBefore(
                                                        end.minus(Duration.ofDays(6))));
                if (source == null) {
                    return;
                }
                Seller owner = source.seller;
                Instant granted =
                        between(
                                source.published.plus(Duration.ofHours(1)),
                                source.published.plus(Duration.ofDays(2)));
                event(granted, PROTECTION, owner.id, "LICENSE_GRANTED")
                        .put("ownerSellerId", owner.id)
                        .put("licenseeSellerId", d.id);
                Instant used =
                        between(
                                granted.plus(Duration.ofHours(1)),
                                granted.plus(Duration.ofDays(3)));
                Listing reuse = reuse(d, used, source, true);
                // The first licence of the run is always revoked, so every run has a licence end.
                boolean firstLicence = !revokedOnce;
                if (firstLicence || rnd.nextInt(10) < 4) {
                    Instant revoked =
                            between(
                                    reuse.published.plus(Duration.ofDays(1)),
                                    reuse.published.plus(Duration.ofDays(6)));
                    if (revoked.isBefore(end)) {
                        revokedOnce = true;
                        event(revoked, PROTECTION, owner.id, "LICENSE_REVOKED")
                                .put("ownerSellerId", owner.id)
                                .put("licenseeSellerId", d.id);
                        Instant after = revoked.plus(Duration.ofHours(rnd.nextInt(2, 48)));
                        if (rnd.nextBoolean() && after.isBefore(end)) {
                            reuse(d, after, source, false);
                        }
                    }
                }
            }
        }
    }

    /**
     * A distributor's listing re-uploading 1-3 of the owner's photos, unchanged or recompressed.
     */
    private Listing reuse(Seller d, Instant t, Listing source, boolean licensed) {
        Listing l = newListing(d, t);
        l.copiesOthers = !licensed;
        int n = Math.min(source.images.size(), rnd.nextInt(1, 4));
        for (int k = 0; k < n; k++) {
            Img from = source.images.get(k);
            PhotoEdit edit = rnd.nextBoolean() ? null : PhotoEdit.JPEG;
            Img img = addCopy(l, k == 0 ? "MAIN" : from.role, from, edit, from.watermarkId);
            copies.add(copy(l, img, from, edit == null ? "none" : edit.id(), licensed));
        }
        published(l);
        return l;
    }

    private void publishThiefListings() {
        List<Seller> thieves = sellers.stream().filter(s -> s.kind == SellerKind.THIEF).toList();
        if (thieves.isEmpty()) {
            return;
        }
        int count = Math.max(thieves.size(), (int) Math.round(cfg.listings() * 0.3));
        Instant lastVictim = end.minus(Duration.ofDays(2));
        for (int i = 0; i < count; i++) {
            Seller thief = thieves.get(i % thieves.size());
            Listing victim =
                    pick(
                            l ->
                                    l.seller.kind != SellerKind.THIEF
                                            && !l.copiesOthers
                                            && l.published.isBefore(lastVictim));
            if (victim == null) {
                return;
            }
            Instant latest =
                    min(victim.published.plus(Duration.ofDays(6)), end.minus(Duration.ofDays(1)));
            Instant t = between(victim.published.plus(Duration.ofHours(2)), latest);
            Listing l = newListing(thief, t);
            l.copiesOthers = true;
            int stolen = Math.min(victim.images.size(), rnd.nextInt(1, 4));
            List<Img> pool = new ArrayList<>(victim.images);
            for (int k = 0; k < stolen; k++) {
                Img from = pool.remove(rnd.nextInt(pool.size()));
                PhotoEdit edit = PhotoEdit.values()[rnd.nextInt(PhotoEdit.values().length)];
                // A platform watermark survives most edits; crops and frames often lose it.
                String wm =
                        from.watermarkId != null && rnd.nextInt(10) < 6 ? from.watermarkId : null;
                Img img =
                        addCopy(
                                l,
                                k == 0 ? "MAIN" : ROLES[rnd.nextInt(ROLES.length)],
                                from,
                                edit,
                                wm);
                copies.add(copy(l, img, from, edit.id(), false));
            }
            long own = rnd.nextLong();
            for (int k = rnd.nextInt(3); k > 0; k--) {
                addPainted(l, ROLES[rnd.nextInt(ROLES.length)], own, null);
            }
            published(l);
        }
        // Thieves sell some things of their own too.
        for (Seller thief : thieves) {
            if (rnd.nextBoolean()) {
                Listing l =
                        newListing(
                                thief,
                                between(
                                        cfg.start().plus(Duration.ofHours(1)),
                                        end.minus(Duration.ofDays(1))));
                long product = rnd.nextLong();
                for (int k = rnd.nextInt(1, 4); k > 0; k--) {
                    addPainted(
                            l,
                            l.images.isEmpty() ? "MAIN" : ROLES[rnd.nextInt(ROLES.length)],
                            product,
                            null);
                }
                published(l);
            }
        }
    }

    private void updateAndRemoveHonestListings() {
        for (Listing l : List.copyOf(listings)) {
            if (l.copiesOthers || l.seller.kind == SellerKind.THIEF) {
                continue;
            }
            int r = rnd.nextInt(100);
            if (r < 15) {
                Instant t = l.published.plus(Duration.ofHours(rnd.nextInt(20, 200)));
                if (t.isBefore(end)) {
                    // The new full list: one photo dropped, or one more shot added.
                    List<Img> next = new ArrayList<>(l.images);
                    if (next.size() > 2 && rnd.nextBoolean()) {
                        next.remove(next.size() - 1);
                    } else {
                        // Added by the update: its first publication is this update.
                        Listing shadow = new Listing(l.id, l.seller, t);
                        shadow.images.addAll(next);
                        long product = ((Painted) paintedRoot(next.get(next.size() - 1))).product();
                        addPainted(
                                shadow,
                                ROLES[rnd.nextInt(ROLES.length)],
                                product,
                                l.seller.watermarkId);
                        next = shadow.images;
                    }
                    listingEvent(t, "LISTING_UPDATED", l.id, l.seller.id, next);
                }
            } else if (r < 20) {
                Instant t = l.published.plus(Duration.ofDays(rnd.nextInt(5, 20)));
                if (t.isBefore(end)) {
                    remove(l, t);
                }
            }
        }
    }

    private static Source paintedRoot(Img img) {
        Source s = img.source;
        while (s instanceof Edited e) {
            s = e.from.source;
        }
        return s;
    }

    // ---- complaints -------------------------------------------------------------------------

    private void fileComplaints() {
        int malicious = (int) Math.round(cfg.complaints() * cfg.maliciousShare());
        List<GroundTruth.Copy> thefts =
                copies.stream().filter(c -> c.theft() && !c.sameSeller()).toList();
        List<Seller> abusive = sellers.stream().filter(Seller::abusive).toList();
        for (int i = 0; i < cfg.complaints(); i++) {
            if (i < malicious && !abusive.isEmpty()) {
                fileMalicious(abusive);
            } else if (!thefts.isEmpty()) {
                fileHonest(thefts.get(rnd.nextInt(thefts.size())));
            }
        }
    }

    private void fileHonest(GroundTruth.Copy theft) {
        Listing suspect = listing(theft.suspectListingId());
        Listing owned = listing(theft.ownerListingId());
        Img stolen = image(suspect, theft.suspectImageId());
        Instant from = suspect.published.plus(Duration.ofHours(1));
        Instant to = min(suspect.published.plus(Duration.ofDays(4)), end);
        if (!from.isBefore(to)) {
            return;
        }
        Instant filed = between(from, to);
        // Sometimes the rights holder is the photographer, not the seller.
        boolean photographer = rnd.nextInt(10) == 0;
        String complainant =
                photographer
                        ? String.format(Locale.ROOT, "R-P%02d", rnd.nextInt(1, 20))
                        : owned.seller.id;
        String[] camera = owned.seller.camera;
        String id = nextComplaintId();
        Instant captured = owned.published.minus(Duration.ofHours(rnd.nextInt(24, 24 * 20)));
        String software = rnd.nextInt(10) < 3 ? FIRMWARE[rnd.nextInt(FIRMWARE.length)] : null;
        Painted shoot = (Painted) paintedRoot(stolen);
        ObjectNode original =
                evidence(
                        id + "-original",
                        () -> shoot.render(cfg.photoSide() * 2),
                        camera,
                        software,
                        captured,
                        true,
                        ORIGINAL_QUALITY);
        ObjectNode e = complaintFiled(filed, id, complainant, !photographer, suspect, original);
        if (rnd.nextInt(10) < 3) {
            ArrayNode bts = e.putArray("behindTheScenes");
            for (int k = rnd.nextInt(1, 3); k > 0; k--) {
                long shot = rnd.nextLong();
                Instant t = captured.plus(Duration.ofMinutes(rnd.nextInt(1, 180)));
                bts.add(
                        evidence(
                                id + "-bts-" + k,
                                () ->
                                        new Painted(shoot.product(), shot, false)
                                                .render(cfg.photoSide() * 2),
                                camera,
                                null,
                                t,
                                true,
                                ORIGINAL_QUALITY));
            }
        }
        boolean face = rnd.nextInt(10) == 0;
        e.put("faceModelShown", face).put("modelProofProvided", face && rnd.nextInt(10) < 8);
        if (!photographer && owned.seller.watermarkId != null) {
            e.put("complainantWatermarkId", owned.seller.watermarkId);
        }
        complaintTruths.add(
                new GroundTruth.ComplaintTruth(
                        id,
                        complainant,
                        !photographer,
                        suspect.seller.id,
                        suspect.id,
                        filed.toString(),
                        true,
                        false,
                        "copy"));

        int reaction = rnd.nextInt(100);
        if (reaction < 40 && suspect.removed == null) {
            remove(suspect, filed.plus(Duration.ofMinutes(rnd.nextInt(30, 40 * 60))));
        } else if (reaction < 55 && suspect.removed == null) {
            // Self-remedy by dropping the stolen photos, keeping the listing.
            List<Img> kept = new ArrayList<>();
            for (Img img : suspect.images) {
                if (copies.stream().noneMatch(c -> c.suspectImageId().equals(img.imageId))) {
                    kept.add(img);
                }
            }
            Instant t = filed.plus(Duration.ofMinutes(rnd.nextInt(30, 40 * 60)));
            if (kept.isEmpty()) {
                remove(suspect, t);
            } else if (t.isBefore(end)) {
                listingEvent(t, "LISTING_UPDATED", suspect.id, suspect.seller.id, kept);
            }
        } else if (reaction < 65) {
            // The thief answers with its own copy re-saved: a messaging app's recompression.
            Img copy = image(suspect, theft.suspectImageId());
            boolean lie = rnd.nextBoolean();
            String[] cam = CAMERAS[rnd.nextInt(CAMERAS.length)];
            ObjectNode fake =
                    evidence(
                            id + "-accused",
                            () -> copy.source.render(cfg.photoSide()),
                            null,
                            MESSENGERS[rnd.nextInt(MESSENGERS.length)],
                            null,
                            !lie,
                            0.8f);
            if (lie) {
                declareCamera(
                        fake,
                        cam,
                        captured.minus(Duration.ofDays(1)),
                        3_000_000 + rnd.nextInt(2_000_000));
            }
            accusedResponse(
                    filed.plus(Duration.ofMinutes(rnd.nextInt(60, 30 * 60))),
                    id,
                    complainant,
                    suspect,
                    fake);
        } else if (reaction < 70) {
            withdraw(
                    filed.plus(Duration.ofMinutes(rnd.nextInt(30, 20 * 60))),
                    id,
                    complainant,
                    suspect);
        }
    }

    private void fileMalicious(List<Seller> abusive) {
        // A few abusers file most: the first is picked twice as often as the rest together.
        Seller complainant =
                rnd.nextBoolean() ? abusive.get(0) : abusive.get(rnd.nextInt(abusive.size()));
        Listing accused =
                pick(
                        l ->
                                !l.seller.equals(complainant)
                                        && !l.copiesOthers
                                        && l.removed == null
                                        && l.published.isBefore(end.minus(Duration.ofDays(1))));
        if (accused == null) {
            return;
        }
        Instant filed =
                between(
                        accused.published.plus(Duration.ofHours(1)),
                        min(accused.published.plus(Duration.ofDays(5)), end));
        String id = nextComplaintId();
        Img target = accused.images.get(rnd.nextInt(accused.images.size()));
        int k = rnd.nextInt(100);
        String kind;
        ObjectNode original;
        String[] cam = complainant.camera;
        if (k < 35) {
            kind = "competitor-no-copy";
            long product = rnd.nextLong();
            long shot = rnd.nextLong();
            original =
                    evidence(
                            id + "-original",
                            () -> new Painted(product, shot, false).render(cfg.photoSide() * 2),
                            cam,
                            null,
                            accused.published.minus(Duration.ofDays(rnd.nextInt(1, 30))),
                            true,
                            ORIGINAL_QUALITY);
        } else if (k < 60) {
            kind = "downloaded-from-accused";
            boolean lie = rnd.nextBoolean();
            original =
                    evidence(
                            id + "-original",
                            () -> target.source.render(cfg.photoSide() * 2),
                            null,
                            EDITORS[rnd.nextInt(EDITORS.length)],
                            null,
                            !lie,
                            ORIGINAL_QUALITY);
            if (lie) {
                declareCamera(
                        original,
                        cam,
                        accused.published.minus(Duration.ofDays(3)),
                        2_500_000 + rnd.nextInt(3_000_000));
            }
        } else if (k < 80) {
            kind = "too-small";
            int side = Math.max(64, cfg.photoSide() * 3 / 5);
            original =
                    evidence(
                            id + "-original",
                            () -> target.source.render(side),
                            cam,
                            null,
                            accused.published.minus(Duration.ofDays(2)),
                            true,
                            0.6f);
        } else {
            kind = "captured-after";
            Instant after = between(accused.published.plus(Duration.ofMinutes(10)), filed);
            original =
                    evidence(
                            id + "-original",
                            () -> target.source.render(cfg.photoSide() * 2),
                            cam,
                            null,
                            after,
                            true,
                            ORIGINAL_QUALITY);
        }
        ObjectNode e = complaintFiled(filed, id, complainant.id, true, accused, original);
        e.put("faceModelShown", false).put("modelProofProvided", false);
        complaintTruths.add(
                new GroundTruth.ComplaintTruth(
                        id,
                        complainant.id,
                        true,
                        accused.seller.id,
                        accused.id,
                        filed.toString(),
                        false,
                        true,
                        kind));
        int reaction = rnd.nextInt(100);
        if (reaction < 30) {
            // The honest accused answers with its genuine original.
            Painted shoot = (Painted) paintedRoot(target);
            ObjectNode own =
                    evidence(
                            id + "-accused",
                            () -> shoot.render(cfg.photoSide() * 2),
                            accused.seller.camera,
                            null,
                            accused.published.minus(Duration.ofDays(rnd.nextInt(1, 15))),
                            true,
                            ORIGINAL_QUALITY);
            accusedResponse(
                    filed.plus(Duration.ofMinutes(rnd.nextInt(60, 30 * 60))),
                    id,
                    complainant.id,
                    accused,
                    own);
        } else if (reaction < 50) {
            withdraw(
                    filed.plus(Duration.ofMinutes(rnd.nextInt(30, 20 * 60))),
                    id,
                    complainant.id,
                    accused);
        }
    }

    private ObjectNode complaintFiled(
            Instant t,
            String id,
            String complainant,
            boolean isSeller,
            Listing accused,
            ObjectNode original) {
        ObjectNode e = event(t, COMPLAINTS, id, "COMPLAINT_FILED");
        e.put("complaintId", id)
                .put("complainantId", complainant)
                .put("complainantIsSeller", isSeller)
                .put("accusedSellerId", accused.seller.id)
                .put("accusedListingId", accused.id)
                .put("origin", "MANUAL")
                .set("original", original);
        return e;
    }

    private void accusedResponse(
            Instant t, String id, String complainant, Listing accused, ObjectNode original) {
        event(t, COMPLAINTS, id, "ACCUSED_RESPONSE")
                .put("complaintId", id)
                .put("complainantId", complainant)
                .put("accusedSellerId", accused.seller.id)
                .put("accusedListingId", accused.id)
                .set("original", original);
    }

    private void withdraw(Instant t, String id, String complainant, Listing accused) {
        event(t, COMPLAINTS, id, "COMPLAINT_WITHDRAWN")
                .put("complaintId", id)
                .put("complainantId", complainant)
                .put("accusedSellerId", accused.seller.id)
                .put("accusedListingId", accused.id);
    }

    /**
     * Plans one evidence JPEG and returns its contract photo object. With {@code honest} the
     * declared facts are the file's own; the size is filled in when the file is written. An
     * original with camera EXIF is kept at 200 KB or more (C2's floor) by raising the quality,
     * since a real camera file is never that small; a lower {@code quality} marks a deliberately
     * small re-save and is kept as is.
     */
    private ObjectNode evidence(
            String name,
            Supplier<BufferedImage> pixels,
            String[] camera,
            String software,
            Instant captured,
            boolean honest,
            float quality) {
        Path file = cfg.photoDir().resolve("complaints").resolve(name + ".jpg");
        ObjectNode photo = json.createObjectNode();
        photo.put("url", file.toUri().toString());
        boolean cameraFile = camera != null && quality == ORIGINAL_QUALITY;
        Supplier<byte[]> bytes =
                () -> {
                    BufferedImage img = pixels.get();
                    byte[] b = ImageOps.jpeg(img, quality);
                    for (int i = 0; cameraFile && b.length < MIN_ORIGINAL_BYTES && i < 2; i++) {
                        b = ImageOps.jpeg(img, i == 0 ? 0.98f : 1f);
                    }
                    boolean tagged = camera != null || software != null || captured != null;
                    return tagged
                            ? JpegExif.insert(
                                    b,
                                    camera == null ? null : camera[0],
                                    camera == null ? null : camera[1],
                                    software,
                                    captured)
                            : b;
                };
        if (honest) {
            photo.put("format", "JPEG").put("byteSize", 0L);
            ObjectNode exif = photo.putObject("exif");
            if (camera != null) {
                exif.put("make", camera[0]).put("model", camera[1]);
            }
            if (captured != null) {
                exif.put("captureTime", captured.toString());
            }
            if (software != null) {
                exif.put("software", software);
            }
            photos.add(new PhotoJob(file, bytes, size -> photo.put("byteSize", (long) size)));
        } else {
            photos.add(new PhotoJob(file, bytes));
        }
        return photo;
    }

    /** A cheat's declaration: camera facts and a comfortable size that its file does not have. */
    private static void declareCamera(
            ObjectNode photo, String[] camera, Instant captured, long byteSize) {
        photo.put("format", "JPEG").put("byteSize", byteSize);
        photo.putObject("exif")
                .put("make", camera[0])
                .put("model", camera[1])
                .put("captureTime", captured.toString());
    }

    // ---- building blocks --------------------------------------------------------------------

    private Listing newListing(Seller seller, Instant t) {
        Listing l = new Listing(String.format(Locale.ROOT, "L-%04d", ++listingSeq), seller, t);
        listings.add(l);
        return l;
    }

    private static String imageId(Listing l, int k) {
        return l.id + "/" + (k + 1);
    }

    private void addPainted(Listing l, String role, long product, String watermarkId) {
        String imageId = imageId(l, l.images.size());
        Painted p = new Painted(product, rnd.nextLong(), role.equals("WHITE_BACKGROUND"));
        Path file = listingFile(imageId);
        l.images.add(new Img(imageId, role, p, watermarkId, file, l, imageId));
        photos.add(
                new PhotoJob(
                        file, () -> ImageOps.jpeg(p.render(cfg.photoSide()), LISTING_QUALITY)));
    }

    private Img addCopy(Listing l, String role, Img from, PhotoEdit edit, String watermarkId) {
        String imageId = imageId(l, l.images.size());
        Edited e = new Edited(from, edit, rnd.nextLong());
        Path file = listingFile(imageId);
        Img img = new Img(imageId, role, e, watermarkId, file, from.origin, from.originImageId);
        l.images.add(img);
        photos.add(
                new PhotoJob(
                        file, () -> ImageOps.jpeg(e.render(cfg.photoSide()), LISTING_QUALITY)));
        return img;
    }

    private Path listingFile(String imageId) {
        return cfg.photoDir().resolve("listings").resolve(imageId.replace('/', '-') + ".jpg");
    }

    /** The truth about {@code img} of {@code suspect}, made from {@code from}'s pixels. */
    private GroundTruth.Copy copy(
            Listing suspect, Img img, Img from, String edit, boolean licensed) {
        Listing owner = from.origin;
        boolean same = suspect.seller.equals(owner.seller);
        boolean stress = !edit.equals("none") && PhotoEdit.byId(edit).stress();
        return new GroundTruth.Copy(
                suspect.seller.id,
                suspect.id,
                img.imageId,
                suspect.published.toString(),
                owner.seller.id,
                owner.id,
                from.originImageId,
                owner.published.toString(),
                edit,
                stress,
                licensed,
                same,
                !same && !licensed);
    }

    private void published(Listing l) {
        listingEvent(l.published, "LISTING_PUBLISHED", l.id, l.seller.id, l.images);
    }

    private void listingEvent(
            Instant t, String type, String listingId, String sellerId, List<Img> images) {
        ObjectNode e =
                event(t, LISTINGS, listingId, type)
                        .put("listingId", listingId)
                        .put("sellerId", sellerId);
        ArrayNode arr = e.putArray("images");
        for (Img img : images) {
            ObjectNode o =
                    arr.addObject()
                            .put("imageId", img.imageId)
                            .put("role", img.role)
                            .put("url", img.file.toUri().toString());
            if (img.watermarkId != null) {
                o.put("watermarkId", img.watermarkId);
            }
        }
    }

    private void remove(Listing l, Instant t) {
        if (l.removed != null || !t.isBefore(end)) {
            return;
        }
        l.removed = t;
        event(t, LISTINGS, l.id, "LISTING_REMOVED")
                .put("listingId", l.id)
                .put("sellerId", l.seller.id);
    }

    private ObjectNode event(Instant t, String topic, String key, String type) {
        ObjectNode e = json.createObjectNode();
        e.put("type", type);
        e.putNull("eventId"); // filled in once every event is known and ordered
        e.put("eventTime", t.toString());
        // A reaction that would come after the simulated span is left out.
        if (!t.isAfter(end)) {
            pending.add(new Pending(t, topic, key, e));
        }
        return e;
    }

    private String nextComplaintId() {
        return String.format(Locale.ROOT, "C-%04d", ++complaintSeq);
    }

    private Listing lastOf(Seller s, Instant before) {
        Listing last = null;
        for (Listing l : listings) {
            if (l.seller.equals(s) && l.published.isBefore(before) && !l.copiesOthers) {
                last = l;
            }
        }
        return last;
    }

    private Listing pick(Predicate<Listing> ok) {
        List<Listing> candidates = listings.stream().filter(ok).toList();
        return candidates.isEmpty() ? null : candidates.get(rnd.nextInt(candidates.size()));
    }

    private Listing listing(String id) {
        return listings.stream().filter(l -> l.id.equals(id)).findFirst().orElseThrow();
    }

    private static Img image(Listing l, String imageId) {
        return l.images.stream().filter(i -> i.imageId.equals(imageId)).findFirst().orElseThrow();
    }

    private Instant between(Instant lo, Instant hi) {
        long span = Duration.between(lo, hi).getSeconds();
        return (span <= 0 ? lo : lo.plusSeconds(rnd.nextLong(span + 1)))
                .truncatedTo(ChronoUnit.SECONDS);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    // ---- output -----------------------------------------------------------------------------

    private void writePhotos() {
        photos.parallelStream()
                .forEach(
                        job -> {
                            try {
                                byte[] bytes = job.bytes().get();
                                Files.write(job.file(), bytes);
                                job.written().accept(bytes.length);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
    }

    /** Ids in event-time order, then a bounded random delay per event decides emission order. */
    private List<GeneratedEvent> emit() {
        List<Pending> byTime = new ArrayList<>(pending);
        byTime.sort(Comparator.comparing(Pending::time));
        record Delayed(Instant arrival, GeneratedEvent event) {}
        List<Delayed> delayed = new ArrayList<>();
        long maxMillis = cfg.maxDisorder().toMillis();
        for (int i = 0; i < byTime.size(); i++) {
            Pending p = byTime.get(i);
            String eventId = String.format(Locale.ROOT, "g%d-%06d", cfg.seed(), i + 1);
            p.body().put("eventId", eventId);
            String line;
            try {
                line = json.writeValueAsString(p.body());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            Instant arrival = p.time().plusMillis(maxMillis == 0 ? 0 : rnd.nextLong(maxMillis + 1));
            delayed.add(
                    new Delayed(
                            arrival,
                            new GeneratedEvent(p.topic(), p.key(), eventId, p.time(), line)));
        }
        delayed.sort(Comparator.comparing(Delayed::arrival));
        return delayed.stream().map(Delayed::event).toList();
    }
}
