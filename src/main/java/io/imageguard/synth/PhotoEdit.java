package io.imageguard.synth;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The edits a thief makes to someone else's product photo before re-posting it (SPEC.md T6 and
 * issue 5's edit list). Each edit is a pure function of its input image and the random generator:
 * the same image and a generator in the same state give the same pixels. Inputs are never modified;
 * outputs are new {@code TYPE_INT_RGB} images.
 *
 * <p>{@link #id()} is a stable lowercase name (used in ground truth, dev-set file names and
 * reports). {@link #stress()} marks the two edits where the photo is composed into a larger canvas
 * (phone screenshot, promotional banner), scored separately from the rest.
 *
 * <p>{@link #LETTERBOX} pads a non-square photo into a square; a (near-)square photo is instead
 * shrunk into the square canvas with bars on every side, since there is nothing to letterbox.
 */
public enum PhotoEdit {
    CROP_5("crop5", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            return cropSides(src, 0.05, 0.05, 0.05, 0.05);
        }
    },
    CROP_10("crop10", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            return cropSides(src, 0.10, 0.10, 0.10, 0.10);
        }
    },
    CROP_12_ONE_SIDE("crop12-side", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            double[] sides = new double[4];
            sides[rnd.nextInt(4)] = 0.12;
            return cropSides(src, sides[0], sides[1], sides[2], sides[3]);
        }
    },
    LETTERBOX("letterbox", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            int w = src.getWidth();
            int h = src.getHeight();
            int side = Math.max(w, h);
            double fit = Math.abs(w - h) < side * 0.05 ? 1 - 2 * range(rnd, 0.08, 0.14) : 1.0;
            int pw = (int) Math.round(fit * w);
            int ph = (int) Math.round(fit * h);
            Color bar = barColour(rnd);
            BufferedImage out = ImageOps.rgb(side, side);
            Graphics2D g = ImageOps.graphics(out);
            g.setColor(bar);
            g.fillRect(0, 0, side, side);
            g.drawImage(src, (side - pw) / 2, (side - ph) / 2, pw, ph, null);
            g.dispose();
            return out;
        }
    },
    STRETCH("stretch", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            double grow = range(rnd, 1.10, 1.25);
            double shrink = range(rnd, 0.85, 0.95);
            boolean wide = rnd.nextBoolean();
            int w = (int) Math.round(src.getWidth() * (wide ? grow : shrink));
            int h = (int) Math.round(src.getHeight() * (wide ? shrink : grow));
            return ImageOps.scale(src, w, h);
        }
    },
    FRAME("frame", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            int w = src.getWidth();
            int h = src.getHeight();
            int b = (int) Math.round(Math.max(w, h) * range(rnd, 0.03, 0.07));
            BufferedImage out = ImageOps.rgb(w + 2 * b, h + 2 * b);
            Graphics2D g = ImageOps.graphics(out);
            g.setColor(ImageOps.hsb(rnd, 0.5f, 1f, 0.4f, 0.95f));
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            if (rnd.nextBoolean()) {
                // A thin contrasting inner line, as frame presets in phone editors draw.
                g.setColor(rnd.nextBoolean() ? Color.WHITE : Color.BLACK);
                int t = Math.max(2, b / 6);
                g.fillRect(b - t, b - t, w + 2 * t, h + 2 * t);
            }
            g.drawImage(src, b, b, null);
            g.dispose();
            return out;
        }
    },
    CORNER_TEXT("corner-text", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            return overlay(
                    src,
                    (g, w, h) -> {
                        String text =
                                rnd.nextBoolean() ? "@" + shopName(rnd) : shopName(rnd) + ".com";
                        g.setFont(
                                new Font(
                                        Font.SANS_SERIF,
                                        Font.BOLD,
                                        (int) (h * range(rnd, 0.04, 0.07))));
                        FontMetrics fm = g.getFontMetrics();
                        int margin = (int) (Math.min(w, h) * 0.03);
                        int tw = Math.min(fm.stringWidth(text), w - 2 * margin);
                        int corner = rnd.nextInt(4);
                        int x = corner % 2 == 0 ? margin : w - margin - tw;
                        int y = corner < 2 ? margin + fm.getAscent() : h - margin - fm.getDescent();
                        boolean light = rnd.nextBoolean();
                        if (rnd.nextBoolean()) {
                            g.setComposite(
                                    AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.5f));
                            g.setColor(light ? Color.BLACK : Color.WHITE);
                            g.fillRoundRect(
                                    x - margin / 2,
                                    y - fm.getAscent() - margin / 4,
                                    tw + margin,
                                    fm.getHeight() + margin / 2,
                                    margin,
                                    margin);
                            g.setComposite(AlphaComposite.SrcOver);
                        } else {
                            g.setColor(
                                    light
                                            ? new Color(0, 0, 0, 140)
                                            : new Color(255, 255, 255, 140));
                            g.drawString(text, x + 2, y + 2);
                        }
                        g.setColor(light ? Color.WHITE : Color.BLACK);
                        g.drawString(text, x, y);
                    });
        }
    },
    TILED_TEXT("tiled-text", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            return overlay(
                    src,
                    (g, w, h) -> {
                        String text = shopName(rnd).toUpperCase(Locale.ROOT);
                        g.setFont(
                                new Font(
                                        Font.SANS_SERIF,
                                        Font.BOLD,
                                        (int) (h * range(rnd, 0.04, 0.06))));
                        g.setComposite(
                                AlphaComposite.getInstance(
                                        AlphaComposite.SRC_OVER, (float) range(rnd, 0.2, 0.35)));
                        g.setColor(rnd.nextBoolean() ? Color.WHITE : Color.GRAY);
                        g.rotate(Math.toRadians(-range(rnd, 20, 40)), w / 2.0, h / 2.0);
                        FontMetrics fm = g.getFontMetrics();
                        int stepX = fm.stringWidth(text) + fm.getHeight() * 2;
                        int stepY = fm.getHeight() * 3;
                        int reach = w + h;
                        for (int y = -reach; y < reach; y += stepY) {
                            int shift = (y / stepY) % 2 == 0 ? 0 : stepX / 2;
                            for (int x = -reach; x < reach; x += stepX) {
                                g.drawString(text, x + shift, y);
                            }
                        }
                    });
        }
    },
    LOGO_BADGE("logo", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            return overlay(
                    src,
                    (g, w, h) -> {
                        int d = (int) (Math.min(w, h) * range(rnd, 0.12, 0.2));
                        int margin = (int) (Math.min(w, h) * 0.03);
                        int corner = rnd.nextInt(4);
                        int x = corner % 2 == 0 ? margin : w - margin - d;
                        int y = corner < 2 ? margin : h - margin - d;
                        g.setColor(ImageOps.hsb(rnd, 0.6f, 1f, 0.5f, 0.9f));
                        if (rnd.nextBoolean()) {
                            g.fillOval(x, y, d, d);
                        } else {
                            g.fillRoundRect(x, y, d, d, d / 3, d / 3);
                        }
                        g.setColor(Color.WHITE);
                        g.setStroke(new BasicStroke(Math.max(2, d / 20f)));
                        g.drawOval(x + d / 10, y + d / 10, d - d / 5, d - d / 5);
                        String initials = shopName(rnd).substring(0, 2).toUpperCase(Locale.ROOT);
                        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, d * 2 / 5));
                        FontMetrics fm = g.getFontMetrics();
                        g.drawString(
                                initials,
                                x + (d - fm.stringWidth(initials)) / 2,
                                y + (d + fm.getAscent() - fm.getDescent()) / 2);
                    });
        }
    },
    BRIGHTER("brightness-up", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            return gain(src, 1.15);
        }
    },
    DARKER("brightness-down", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            return gain(src, 0.85);
        }
    },
    CONTRAST_UP("contrast-up", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            return contrast(src, range(rnd, 1.25, 1.30));
        }
    },
    CONTRAST_DOWN("contrast-down", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            return contrast(src, range(rnd, 0.70, 0.75));
        }
    },
    SATURATION("saturation", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            double f = rnd.nextBoolean() ? range(rnd, 0.4, 0.7) : range(rnd, 1.4, 1.8);
            return ImageOps.mapPixels(
                    src,
                    (r, gr, b) -> {
                        double y = luma(r, gr, b);
                        return ImageOps.pack(
                                (int) Math.round(y + (r - y) * f),
                                (int) Math.round(y + (gr - y) * f),
                                (int) Math.round(y + (b - y) * f));
                    });
        }
    },
    GRAYSCALE("grayscale", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            return ImageOps.mapPixels(
                    src,
                    (r, gr, b) -> {
                        int y = (int) Math.round(luma(r, gr, b));
                        return ImageOps.pack(y, y, y);
                    });
        }
    },
    BLUR("blur", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            // Light at display size: sigma 1-1.6 px per 800 px of the long side, so a large
            // photo is blurred as visibly as a listing-sized one.
            double perDisplay = Math.max(1.0, Math.max(src.getWidth(), src.getHeight()) / 800.0);
            return gaussianBlur(src, range(rnd, 1.0, 1.6) * perDisplay);
        }
    },
    ROTATE("rotate", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            return rotate(src, rnd.nextBoolean() ? 3 : -3, false, barColour(rnd));
        }
    },
    ROTATE_CROP("rotate-crop", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            return rotate(src, rnd.nextBoolean() ? 3 : -3, true, Color.WHITE);
        }
    },
    MIRROR("mirror", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            int w = src.getWidth();
            BufferedImage out = ImageOps.rgb(w, src.getHeight());
            Graphics2D g = out.createGraphics();
            g.drawImage(src, w, 0, -w, src.getHeight(), null);
            g.dispose();
            return out;
        }
    },
    JPEG("jpeg", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            return ImageOps.decode(ImageOps.jpeg(src, (float) range(rnd, 0.50, 0.75)));
        }
    },
    /** Three distinct edits drawn from {@link #combinable()}, applied in the drawn order. */
    COMBO3("combo3", false) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            BufferedImage out = src;
            for (PhotoEdit edit : drawCombination(rnd)) {
                out = edit.apply(out, rnd);
            }
            return out == src ? ImageOps.copy(src) : out;
        }
    },
    SCREENSHOT("screenshot", true) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            return Compositions.phoneScreenshot(src, rnd);
        }
    },
    BANNER("banner", true) {
        @Override
        public BufferedImage apply(BufferedImage src, RandomGenerator rnd) {
            return Compositions.promoBanner(src, rnd);
        }
    };

    private static final String[] SYLLABLES = {
        "mega", "best", "shop", "deal", "star", "top", "lux", "buy", "trend", "zen", "nova",
        "prime", "city", "smart", "fresh", "daily", "gold", "pro"
    };

    private final String id;
    private final boolean stress;

    PhotoEdit(String id, boolean stress) {
        this.id = id;
        this.stress = stress;
    }

    /** Applies the edit, drawing any parameters (side, angle, colour, text) from {@code rnd}. */
    public abstract BufferedImage apply(BufferedImage src, RandomGenerator rnd);

    /** Stable lowercase name. */
    public String id() {
        return id;
    }

    /** Whether the photo is composed into a larger canvas (screenshot, banner). */
    public boolean stress() {
        return stress;
    }

    /** The edit with the given {@link #id()}. */
    public static PhotoEdit byId(String id) {
        for (PhotoEdit e : values()) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown photo edit: " + id);
    }

    /** The edits {@link #COMBO3} draws from: every non-stress edit except itself. */
    public static List<PhotoEdit> combinable() {
        return Arrays.stream(values()).filter(e -> !e.stress && e != COMBO3).toList();
    }

    /** Draws the three distinct edits a {@link #COMBO3} applies, consuming {@code rnd}. */
    static List<PhotoEdit> drawCombination(RandomGenerator rnd) {
        List<PhotoEdit> pool = new ArrayList<>(combinable());
        List<PhotoEdit> picked = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            picked.add(pool.remove(rnd.nextInt(pool.size())));
        }
        return picked;
    }

    static double range(RandomGenerator rnd, double lo, double hi) {
        return lo + rnd.nextDouble() * (hi - lo);
    }

    /** A plausible lowercase shop handle, e.g. "megadeal24". */
    static String shopName(RandomGenerator rnd) {
        String name =
                SYLLABLES[rnd.nextInt(SYLLABLES.length)] + SYLLABLES[rnd.nextInt(SYLLABLES.length)];
        return rnd.nextBoolean() ? name + rnd.nextInt(10, 100) : name;
    }

    /** Draws over a copy of the photo: the watermark-like edits. */
    private static BufferedImage overlay(BufferedImage src, Overlay overlay) {
        BufferedImage out = ImageOps.copy(src);
        Graphics2D g = ImageOps.graphics(out);
        overlay.draw(g, out.getWidth(), out.getHeight());
        g.dispose();
        return out;
    }

    @FunctionalInterface
    private interface Overlay {
        void draw(Graphics2D g, int w, int h);
    }

    private static Color barColour(RandomGenerator rnd) {
        int kind = rnd.nextInt(10);
        if (kind < 5) {
            return Color.WHITE;
        }
        return kind < 8 ? Color.BLACK : ImageOps.hsb(rnd, 0.05f, 0.25f, 0.85f, 1f);
    }

    private static double luma(int r, int g, int b) {
        return 0.299 * r + 0.587 * g + 0.114 * b;
    }

    private static BufferedImage cropSides(
            BufferedImage src, double left, double top, double right, double bottom) {
        int w = src.getWidth();
        int h = src.getHeight();
        int x0 = (int) Math.round(w * left);
        int y0 = (int) Math.round(h * top);
        int x1 = w - (int) Math.round(w * right);
        int y1 = h - (int) Math.round(h * bottom);
        return ImageOps.copy(src.getSubimage(x0, y0, x1 - x0, y1 - y0));
    }

    private static BufferedImage gain(BufferedImage src, double f) {
        return ImageOps.mapPixels(
                src,
                (r, g, b) ->
                        ImageOps.pack(
                                (int) Math.round(r * f),
                                (int) Math.round(g * f),
                                (int) Math.round(b * f)));
    }

    private static BufferedImage contrast(BufferedImage src, double c) {
        return ImageOps.mapPixels(
                src,
                (r, g, b) ->
                        ImageOps.pack(
                                (int) Math.round((r - 128) * c + 128),
                                (int) Math.round((g - 128) * c + 128),
                                (int) Math.round((b - 128) * c + 128)));
    }

    /**
     * Rotates about the centre. Without crop the canvas grows to the rotated bounding box and the
     * corners take {@code fill}; with crop the largest centred rectangle of the original aspect
     * ratio that holds only photo pixels is scaled back to the original size.
     */
    private static BufferedImage rotate(
            BufferedImage src, double degrees, boolean crop, Color fill) {
        int w = src.getWidth();
        int h = src.getHeight();
        double t = Math.toRadians(degrees);
        double cos = Math.abs(Math.cos(t));
        double sin = Math.abs(Math.sin(t));
        int ow;
        int oh;
        double zoom;
        if (crop) {
            ow = w;
            oh = h;
            zoom = 1 / Math.min(w / (w * cos + h * sin), h / (w * sin + h * cos));
        } else {
            ow = (int) Math.ceil(w * cos + h * sin);
            oh = (int) Math.ceil(w * sin + h * cos);
            zoom = 1;
        }
        BufferedImage out = ImageOps.rgb(ow, oh);
        Graphics2D g = ImageOps.graphics(out);
        g.setColor(fill);
        g.fillRect(0, 0, ow, oh);
        AffineTransform at = new AffineTransform();
        at.translate(ow / 2.0, oh / 2.0);
        at.scale(zoom, zoom);
        at.rotate(t);
        at.translate(-w / 2.0, -h / 2.0);
        g.drawImage(src, at, null);
        g.dispose();
        return out;
    }

    /** Separable Gaussian blur; edges clamp. */
    private static BufferedImage gaussianBlur(BufferedImage src, double sigma) {
        int radius = (int) Math.ceil(sigma * 2.5);
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        BufferedImage in = ImageOps.copy(src);
        int w = in.getWidth();
        int h = in.getHeight();
        int[] a = ImageOps.pixels(in);
        int[] tmp = new int[a.length];
        pass(a, tmp, w, h, k, radius, true);
        BufferedImage out = ImageOps.rgb(w, h);
        pass(tmp, ImageOps.pixels(out), w, h, k, radius, false);
        return out;
    }

    private static void pass(
            int[] in, int[] out, int w, int h, double[] k, int radius, boolean horizontal) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double r = 0;
                double g = 0;
                double b = 0;
                for (int i = -radius; i <= radius; i++) {
                    int sx = horizontal ? Math.min(w - 1, Math.max(0, x + i)) : x;
                    int sy = horizontal ? y : Math.min(h - 1, Math.max(0, y + i));
                    int p = in[sy * w + sx];
                    double kv = k[i + radius];
                    r += kv * ((p >> 16) & 0xff);
                    g += kv * ((p >> 8) & 0xff);
                    b += kv * (p & 0xff);
                }
                out[y * w + x] =
                        ImageOps.pack(
                                (int) Math.round(r), (int) Math.round(g), (int) Math.round(b));
            }
        }
    }
}
