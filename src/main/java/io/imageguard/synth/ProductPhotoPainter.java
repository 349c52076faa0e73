package io.imageguard.synth;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Paints procedural "product photos": a product-like object (bottle, box, garment, shoe, mug, bag,
 * ball) with its own colours, pattern and label, photographed in a "shot" (canvas aspect,
 * background, placement, size, tilt, light direction, exposure, grain).
 *
 * <p>The object depends only on the product seed and the shot only on the shot seed, so {@code
 * paint(p, s1)} and {@code paint(p, s2)} are two different photos of the same product: the hard
 * negatives a matcher must keep apart from copies. The same pair of seeds always gives the same
 * pixels. Nothing is downloaded; a default 800 px photo takes a few milliseconds.
 */
public final class ProductPhotoPainter {
    /** The object kinds the painter draws. */
    private enum Kind {
        BOTTLE,
        BOX,
        GARMENT,
        SHOE,
        MUG,
        BAG,
        BALL
    }

    private static final long SHOT_SALT = 0x9E3779B97F4A7C15L;

    private ProductPhotoPainter() {}

    /** A photo with the default long side (800 px) and a shot derived from the product seed. */
    public static BufferedImage paint(long seed) {
        return paint(seed, seed ^ SHOT_SALT, 800);
    }

    /** Another shot of product {@code productSeed}, long side 800 px. */
    public static BufferedImage paint(long productSeed, long shotSeed) {
        return paint(productSeed, shotSeed, 800);
    }

    /** A photo of product {@code productSeed} in shot {@code shotSeed}; the long side in pixels. */
    public static BufferedImage paint(long productSeed, long shotSeed, int longSide) {
        return paint(productSeed, shotSeed, longSide, false);
    }

    /**
     * As {@link #paint(long, long, int)}, on a studio-white background when {@code onWhite} (a
     * {@code WHITE_BACKGROUND} photo); everything else about the shot stays as the seed says.
     */
    public static BufferedImage paint(
            long productSeed, long shotSeed, int longSide, boolean onWhite) {
        Product product = Product.of(new SplittableRandom(productSeed));
        RandomGenerator shot = new SplittableRandom(shotSeed);
        int[] aspect = ASPECTS[shot.nextInt(ASPECTS.length)];
        int w = longSide * aspect[0] / Math.max(aspect[0], aspect[1]);
        int h = longSide * aspect[1] / Math.max(aspect[0], aspect[1]);
        BufferedImage img = ImageOps.rgb(w, h);
        Graphics2D g = ImageOps.graphics(img);
        int background = background(g, w, h, shot, onWhite);

        double size = Math.min(w, h) * range(shot, 0.45, 0.8);
        double cx = w * range(shot, 0.32, 0.68);
        double cy = h * range(shot, 0.35, 0.65);
        double tilt = Math.toRadians(range(shot, -25, 25));
        double light = range(shot, 0, 2 * Math.PI);
        // Facing the other way, unless that would mirror the label's lettering.
        boolean flip = shot.nextBoolean() && !product.hasLabel();

        // Contact shadow first, offset away from the light.
        double sx = -Math.cos(light) * size * 0.08;
        for (int i = 6; i >= 1; i--) {
            g.setColor(new Color(0, 0, 0, background == 0 ? 10 : 14));
            double rw = size * (0.55 + i * 0.05);
            double rh = size * (0.08 + i * 0.02);
            g.fill(new Ellipse2D.Double(cx + sx - rw / 2, cy + size * 0.42 - rh / 2, rw, rh));
        }

        AffineTransform base = g.getTransform();
        g.translate(cx, cy);
        g.rotate(tilt);
        g.scale(flip ? -size : size, size);
        product.draw(g, light - tilt);
        g.setTransform(base);
        g.dispose();
        finish(img, shot);
        return img;
    }

    private static final int[][] ASPECTS = {{1, 1}, {1, 1}, {4, 3}, {3, 4}, {3, 2}};

    /** Paints the background; returns its kind (0 studio, 1 coloured, 2 scene). */
    private static int background(Graphics2D g, int w, int h, RandomGenerator rnd, boolean white) {
        int drawn = rnd.nextInt(3);
        int kind = white ? 0 : drawn;
        if (kind == 0) {
            int top = 235 + rnd.nextInt(21);
            int bottom = top - 10 - rnd.nextInt(25);
            g.setPaint(new GradientPaint(0, 0, grey(top), 0, h, grey(bottom)));
            g.fillRect(0, 0, w, h);
        } else if (kind == 1) {
            Color a = ImageOps.hsb(rnd, 0.2f, 0.8f, 0.35f, 0.95f);
            Color b = ImageOps.hsb(rnd, 0.1f, 0.7f, 0.25f, 0.9f);
            g.setPaint(
                    new GradientPaint(
                            (float) (w * rnd.nextDouble()),
                            0,
                            a,
                            (float) (w * rnd.nextDouble()),
                            h,
                            b));
            g.fillRect(0, 0, w, h);
            blotches(g, w, h, rnd, 40);
        } else {
            scene(g, w, h, rnd);
        }
        return kind;
    }

    /** A table top meeting a wall, with wood grain, tiles or fabric, and a window light. */
    private static void scene(Graphics2D g, int w, int h, RandomGenerator rnd) {
        int horizon = (int) (h * range(rnd, 0.3, 0.7));
        Color wall = ImageOps.hsb(rnd, 0.05f, 0.45f, 0.5f, 0.95f);
        g.setPaint(new GradientPaint(0, 0, wall.brighter(), w, horizon, wall.darker()));
        g.fillRect(0, 0, w, horizon);
        if (rnd.nextBoolean()) {
            // Window light falling on the wall.
            float r = (float) (w * range(rnd, 0.2, 0.5));
            g.setPaint(
                    new RadialGradientPaint(
                            (float) (w * rnd.nextDouble()),
                            (float) (horizon * rnd.nextDouble()),
                            r,
                            new float[] {0f, 1f},
                            new Color[] {
                                new Color(255, 255, 240, 120), new Color(255, 255, 240, 0)
                            }));
            g.fillRect(0, 0, w, horizon);
        }
        Color table = ImageOps.hsb(rnd, 0.2f, 0.7f, 0.25f, 0.8f);
        g.setColor(table);
        g.fillRect(0, horizon, w, h - horizon);
        int texture = rnd.nextInt(3);
        if (texture == 0) {
            // Wood: planks with grain lines.
            int plank = (int) (h * range(rnd, 0.08, 0.16));
            for (int y = horizon; y < h; y += plank) {
                g.setColor(shade(table, range(rnd, 0.8, 1.15)));
                g.fillRect(0, y, w, plank - 2);
                g.setColor(shade(table, 0.7));
                for (int i = 0; i < 5; i++) {
                    int gy = y + rnd.nextInt(Math.max(1, plank));
                    g.drawLine(0, gy, w, gy + rnd.nextInt(-6, 7));
                }
            }
        } else if (texture == 1) {
            // Tiles.
            int tile = (int) (w * range(rnd, 0.08, 0.2));
            g.setColor(shade(table, 0.65));
            g.setStroke(new BasicStroke(Math.max(2, tile / 25f)));
            for (int x = rnd.nextInt(tile); x < w; x += tile) {
                g.drawLine(x, horizon, x, h);
            }
            for (int y = horizon + rnd.nextInt(tile); y < h; y += tile) {
                g.drawLine(0, y, w, y);
            }
        } else {
            blotches(g, w, h, rnd, 60);
        }
        // A second, blurred-looking prop behind the product.
        g.setColor(ImageOps.hsb(rnd, 0.2f, 0.8f, 0.3f, 0.9f));
        double pw = w * range(rnd, 0.1, 0.25);
        double ph = h * range(rnd, 0.15, 0.4);
        double px = rnd.nextBoolean() ? w * range(rnd, 0, 0.15) : w * range(rnd, 0.7, 0.9);
        g.fill(new RoundRectangle2D.Double(px, horizon - ph, pw, ph, pw / 3, pw / 3));
    }

    /** Low-frequency mottling: a few large translucent ellipses. */
    private static void blotches(Graphics2D g, int w, int h, RandomGenerator rnd, int alpha) {
        for (int i = 0; i < 8; i++) {
            Color c = ImageOps.hsb(rnd, 0f, 0.6f, 0.2f, 1f);
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha));
            double r = Math.min(w, h) * range(rnd, 0.1, 0.45);
            g.fill(
                    new Ellipse2D.Double(
                            w * rnd.nextDouble() - r, h * rnd.nextDouble() - r, 2 * r, 2 * r));
        }
    }

    /**
     * Exposure and sensor grain, in one pass over the pixels. It is the painter's hottest loop:
     * tables instead of multiplies and clamps, a multiply-shift instead of a modulo.
     */
    private static void finish(BufferedImage img, RandomGenerator rnd) {
        double exposure = range(rnd, 0.9, 1.08);
        int grain = rnd.nextInt(3, 9);
        long state = rnd.nextLong() | 1;
        int[] lut = new int[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = (int) (v * exposure) + CLAMP_OFFSET;
        }
        int span = 2 * grain + 1;
        int[] px = ImageOps.pixels(img);
        for (int i = 0; i < px.length; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            int n = (int) (((state >>> 56) * span) >>> 8) - grain;
            int p = px[i];
            px[i] =
                    (CLAMP[lut[(p >> 16) & 0xff] + n] << 16)
                            | (CLAMP[lut[(p >> 8) & 0xff] + n] << 8)
                            | CLAMP[lut[p & 0xff] + n];
        }
    }

    private static final int CLAMP_OFFSET = 64;

    /** CLAMP[v + CLAMP_OFFSET] is v clamped to 0..255, for v in -64..447. */
    private static final int[] CLAMP = new int[512];

    static {
        for (int i = 0; i < CLAMP.length; i++) {
            CLAMP[i] = ImageOps.clamp(i - CLAMP_OFFSET);
        }
    }

    private static Color grey(int v) {
        return new Color(v, v, v);
    }

    private static Color shade(Color c, double f) {
        return new Color(
                ImageOps.clamp((int) (c.getRed() * f)),
                ImageOps.clamp((int) (c.getGreen() * f)),
                ImageOps.clamp((int) (c.getBlue() * f)));
    }

    private static double range(RandomGenerator rnd, double lo, double hi) {
        return PhotoEdit.range(rnd, lo, hi);
    }

    /**
     * One product: its kind, colours, proportions, pattern and label, drawn in a unit box centred
     * on the origin (x and y in [-0.5, 0.5]).
     */
    private record Product(
            Kind kind,
            Color body,
            Color accent,
            double aspect,
            double detail,
            int pattern,
            double patternScale,
            double patternAngle,
            String label,
            long printSeed) {

        static Product of(RandomGenerator rnd) {
            Kind kind = Kind.values()[rnd.nextInt(Kind.values().length)];
            return new Product(
                    kind,
                    ImageOps.hsb(rnd, 0.1f, 1f, 0.15f, 0.95f),
                    ImageOps.hsb(rnd, 0.3f, 1f, 0.3f, 1f),
                    range(rnd, 0.75, 1.25),
                    rnd.nextDouble(),
                    rnd.nextInt(5),
                    range(rnd, 0.04, 0.15),
                    range(rnd, 0, Math.PI),
                    brand(rnd),
                    rnd.nextLong());
        }

        private static String brand(RandomGenerator rnd) {
            String consonants = "BCDFGHKLMNPRSTVZ";
            String vowels = "AEIOU";
            StringBuilder sb = new StringBuilder();
            int syllables = rnd.nextInt(2, 4);
            for (int i = 0; i < syllables; i++) {
                sb.append(consonants.charAt(rnd.nextInt(consonants.length())));
                sb.append(vowels.charAt(rnd.nextInt(vowels.length())));
            }
            return sb.toString();
        }

        boolean hasLabel() {
            return pattern == 2;
        }

        void draw(Graphics2D g, double light) {
            List<Shape> parts = new ArrayList<>();
            Shape main =
                    switch (kind) {
                        case BOTTLE -> bottle(parts);
                        case BOX -> box(parts);
                        case GARMENT -> garment(parts);
                        case SHOE -> shoe(parts);
                        case MUG -> mug(parts);
                        case BAG -> bag(parts);
                        case BALL -> ball(parts);
                    };
            g.setColor(body);
            g.fill(main);
            Shape oldClip = g.getClip();
            g.clip(main);
            pattern(g);
            shading(g, light);
            g.setClip(oldClip);
            g.setColor(accent);
            for (Shape part : parts) {
                g.fill(part);
            }
            for (Shape part : parts) {
                Shape clip = g.getClip();
                g.clip(part);
                shading(g, light);
                g.setClip(clip);
            }
            g.setColor(shade(body, 0.5));
            g.setStroke(new BasicStroke(0.006f));
            g.draw(main);
        }

        private void pattern(Graphics2D g) {
            RandomGenerator rnd = new SplittableRandom(printSeed);
            Color ink = rnd.nextBoolean() ? accent : shade(body, rnd.nextBoolean() ? 0.6 : 1.5);
            g.setColor(ink);
            AffineTransform t = g.getTransform();
            switch (pattern) {
                case 0 -> {
                    // Stripes.
                    g.rotate(patternAngle);
                    for (double x = -1; x < 1; x += patternScale * 2) {
                        g.fill(new Rectangle2D.Double(x, -1, patternScale, 2));
                    }
                }
                case 1 -> {
                    // Dots.
                    double d = patternScale * 0.6;
                    for (double x = -0.6; x < 0.6; x += patternScale) {
                        for (double y = -0.6; y < 0.6; y += patternScale) {
                            g.fill(new Ellipse2D.Double(x, y, d, d));
                        }
                    }
                }
                case 2 -> {
                    // Label band with the brand name.
                    double top = -0.15 + detail * 0.2;
                    g.fill(new Rectangle2D.Double(-1, top, 2, 0.22));
                    g.setColor(shade(ink, 0.3));
                    Font font = new Font(Font.SANS_SERIF, Font.BOLD, 1).deriveFont(0.1f);
                    g.setFont(font);
                    double tw = font.getStringBounds(label, g.getFontRenderContext()).getWidth();
                    g.drawString(label, (float) (-tw / 2), (float) (top + 0.15));
                }
                case 3 -> {
                    // A printed motif: a few large shapes.
                    for (int i = 0; i < 4; i++) {
                        double r = range(rnd, 0.08, 0.25);
                        double x = range(rnd, -0.4, 0.3);
                        double y = range(rnd, -0.4, 0.3);
                        g.setColor(i % 2 == 0 ? ink : ImageOps.hsb(rnd, 0.4f, 1f, 0.4f, 1f));
                        if (rnd.nextBoolean()) {
                            g.fill(new Ellipse2D.Double(x, y, r, r));
                        } else {
                            Path2D.Double tri = new Path2D.Double();
                            tri.moveTo(x, y + r);
                            tri.lineTo(x + r / 2, y);
                            tri.lineTo(x + r, y + r);
                            tri.closePath();
                            g.fill(tri);
                        }
                    }
                }
                default -> {
                    // Plain, with a vertical colour fade.
                    g.setPaint(
                            new GradientPaint(
                                    0f, -0.5f, body, 0f, 0.5f, shade(body, 0.5 + detail)));
                    g.fill(new Rectangle2D.Double(-1, -1, 2, 2));
                }
            }
            g.setTransform(t);
        }

        /** Light from angle {@code light}: a highlight on that side, shade on the other. */
        private static void shading(Graphics2D g, double light) {
            float lx = (float) (Math.cos(light) * 0.5);
            float ly = (float) (Math.sin(light) * 0.5);
            g.setPaint(
                    new LinearGradientPaint(
                            lx,
                            ly,
                            -lx,
                            -ly,
                            new float[] {0f, 0.35f, 1f},
                            new Color[] {
                                new Color(255, 255, 255, 110),
                                new Color(255, 255, 255, 0),
                                new Color(0, 0, 0, 130)
                            }));
            g.setComposite(AlphaComposite.SrcOver);
            g.fill(new Rectangle2D.Double(-1, -1, 2, 2));
        }

        private Shape bottle(List<Shape> parts) {
            double bw = 0.3 * aspect;
            double neck = bw * (0.3 + 0.3 * detail);
            Area a = new Area(new RoundRectangle2D.Double(-bw / 2, -0.2, bw, 0.7, bw / 2, bw / 2));
            a.add(new Area(new Rectangle2D.Double(-neck / 2, -0.42, neck, 0.3)));
            Path2D.Double shoulder = new Path2D.Double();
            shoulder.moveTo(-bw / 2, -0.1);
            shoulder.quadTo(-bw / 2, -0.25, -neck / 2, -0.3);
            shoulder.lineTo(neck / 2, -0.3);
            shoulder.quadTo(bw / 2, -0.25, bw / 2, -0.1);
            shoulder.closePath();
            a.add(new Area(shoulder));
            parts.add(
                    new RoundRectangle2D.Double(
                            -neck / 2 - 0.01, -0.5, neck + 0.02, 0.1, 0.02, 0.02));
            return a;
        }

        private Shape box(List<Shape> parts) {
            double bw = 0.55 * aspect;
            double bh = 0.6 / aspect;
            double d = 0.12 + 0.1 * detail;
            double x0 = -bw / 2 - d / 2;
            double y0 = -bh / 2 + d / 2;
            Path2D.Double top = new Path2D.Double();
            top.moveTo(x0, y0);
            top.lineTo(x0 + d, y0 - d);
            top.lineTo(x0 + d + bw, y0 - d);
            top.lineTo(x0 + bw, y0);
            top.closePath();
            Path2D.Double side = new Path2D.Double();
            side.moveTo(x0 + bw, y0);
            side.lineTo(x0 + bw + d, y0 - d);
            side.lineTo(x0 + bw + d, y0 - d + bh);
            side.lineTo(x0 + bw, y0 + bh);
            side.closePath();
            parts.add(top);
            parts.add(side);
            return new Rectangle2D.Double(x0, y0, bw, bh);
        }

        private Shape garment(List<Shape> parts) {
            double sw = 0.25 + 0.1 * aspect;
            double len = 0.35 + 0.1 * detail;
            Path2D.Double p = new Path2D.Double();
            p.moveTo(-0.08, -0.42);
            p.lineTo(-sw, -0.36);
            p.lineTo(-0.48, -0.12 + 0.1 * detail);
            p.lineTo(-0.36, -0.02 + 0.1 * detail);
            p.lineTo(-sw + 0.04, -0.2);
            p.lineTo(-sw + 0.04, len);
            p.lineTo(sw - 0.04, len);
            p.lineTo(sw - 0.04, -0.2);
            p.lineTo(0.36, -0.02 + 0.1 * detail);
            p.lineTo(0.48, -0.12 + 0.1 * detail);
            p.lineTo(sw, -0.36);
            p.lineTo(0.08, -0.42);
            p.quadTo(0, -0.33, -0.08, -0.42);
            p.closePath();
            parts.add(new Ellipse2D.Double(-0.09, -0.44, 0.18, 0.07));
            return p;
        }

        private Shape shoe(List<Shape> parts) {
            double heel = 0.1 + 0.15 * detail;
            Path2D.Double upper = new Path2D.Double();
            upper.moveTo(-0.45, 0.15);
            upper.lineTo(-0.45, -0.2 - heel * 0.5);
            upper.quadTo(-0.3, -0.28, -0.15, -0.2);
            upper.quadTo(0.05, -0.05 * aspect, 0.3, 0.0);
            upper.quadTo(0.5, 0.05, 0.48, 0.15);
            upper.closePath();
            parts.add(
                    new RoundRectangle2D.Double(-0.47, 0.12, 0.97, 0.08 + heel * 0.2, 0.06, 0.06));
            for (int i = 0; i < 4; i++) {
                parts.add(new Rectangle2D.Double(-0.1 + i * 0.06, -0.14 + i * 0.03, 0.05, 0.015));
            }
            return upper;
        }

        private Shape mug(List<Shape> parts) {
            double mw = 0.45 * aspect;
            Area handle = new Area(new Ellipse2D.Double(mw / 2 - 0.1, -0.2, 0.3, 0.35));
            handle.subtract(new Area(new Ellipse2D.Double(mw / 2 - 0.04, -0.13, 0.18, 0.21)));
            parts.add(handle);
            parts.add(new Ellipse2D.Double(-mw / 2, -0.36, mw, 0.1));
            return new RoundRectangle2D.Double(-mw / 2, -0.32, mw, 0.7, 0.08, 0.08);
        }

        private Shape bag(List<Shape> parts) {
            double top = 0.3 + 0.15 * detail;
            Path2D.Double p = new Path2D.Double();
            p.moveTo(-top, -0.15);
            p.lineTo(top, -0.15);
            p.lineTo(0.45 * aspect, 0.42);
            p.lineTo(-0.45 * aspect, 0.42);
            p.closePath();
            Area strap = new Area(new Ellipse2D.Double(-0.2, -0.45, 0.4, 0.6));
            strap.subtract(new Area(new Ellipse2D.Double(-0.16, -0.41, 0.32, 0.52)));
            strap.subtract(new Area(new Rectangle2D.Double(-0.3, -0.15, 0.6, 0.5)));
            parts.add(strap);
            parts.add(new Rectangle2D.Double(-0.05, -0.05, 0.1, 0.06));
            return p;
        }

        private Shape ball(List<Shape> parts) {
            double r = 0.4 + 0.08 * detail;
            Path2D.Double seam = new Path2D.Double();
            seam.moveTo(-r, 0);
            seam.quadTo(0, r * (aspect - 1) * 2, r, 0);
            parts.add(new BasicStroke(0.03f).createStrokedShape(seam));
            return new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
        }
    }
}
