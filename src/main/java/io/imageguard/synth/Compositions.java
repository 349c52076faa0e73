package io.imageguard.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The two stress edits: a photo composed into a larger canvas. In both the photo, kept at its
 * aspect ratio, covers at least half of the canvas area (the definition of the stress
 * cases), the rest is UI or advertising clutter: flat colour blocks, text, icons, badges.
 */
final class Compositions {
    private static final String[] PROMO = {
        "SALE", "HOT DEAL", "NEW ARRIVAL", "BEST SELLER", "LIMITED", "TOP CHOICE", "MEGA SALE"
    };
    private static final String[] TITLES = {
        "Premium quality",
        "Free shipping",
        "Fast delivery",
        "2024 new style",
        "Hot item",
        "Original design",
        "Great gift"
    };

    private Compositions() {}

    /**
     * A phone screenshot of a shop app: status bar, app bar, the photo at full screen width
     * (carousel counter and dots over it), then title, price and a buy button below. The part below
     * the photo is sized so the photo keeps at least half of the canvas.
     */
    static BufferedImage phoneScreenshot(BufferedImage src, RandomGenerator rnd) {
        int width = rnd.nextInt(600, 901);
        int photoH = (int) Math.round((double) width * src.getHeight() / src.getWidth());
        int status = width * 6 / 100;
        int appBar = width * 12 / 100;
        int maxTotal = (int) (photoH * PhotoEdit.range(rnd, 1.3, 1.95));
        int below = Math.max(width * 15 / 100, maxTotal - photoH - status - appBar);
        // Keep the half-area guarantee even for very wide photos.
        below = Math.min(below, Math.max(0, 2 * photoH - status - appBar - photoH - 1));
        int height = status + appBar + photoH + below;
        boolean dark = rnd.nextInt(3) == 0;
        Color bg = dark ? new Color(18, 18, 18) : Color.WHITE;
        Color fg = dark ? new Color(235, 235, 235) : new Color(25, 25, 25);
        Color accent = ImageOps.hsb(rnd, 0.6f, 0.95f, 0.6f, 0.95f);

        BufferedImage out = ImageOps.rgb(width, height);
        Graphics2D g = ImageOps.graphics(out);
        g.setColor(bg);
        g.fillRect(0, 0, width, height);

        // Status bar: clock, signal bars, battery.
        g.setColor(fg);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, status * 6 / 10));
        String clock = String.format(Locale.ROOT, "%d:%02d", rnd.nextInt(7, 24), rnd.nextInt(60));
        g.drawString(clock, width / 20, status * 3 / 4);
        int bx = width - width / 20 - status;
        g.drawRoundRect(bx, status / 4, status, status / 2, 4, 4);
        g.fillRect(
                bx + 2, status / 4 + 2, (status - 4) * rnd.nextInt(20, 100) / 100, status / 2 - 3);
        for (int i = 0; i < 4; i++) {
            int bh = status * (i + 1) / 8;
            g.fillRect(bx - status + i * status / 5, status * 3 / 4 - bh, status / 8, bh);
        }

        // App bar: back arrow, title, share and cart icons.
        int ay = status;
        g.setColor(dark ? new Color(30, 30, 30) : new Color(245, 245, 245));
        g.fillRect(0, ay, width, appBar);
        g.setColor(fg);
        g.setStroke(new BasicStroke(Math.max(2, width / 200f)));
        int mid = ay + appBar / 2;
        g.drawLine(width / 20, mid, width / 20 + appBar / 4, mid - appBar / 4);
        g.drawLine(width / 20, mid, width / 20 + appBar / 4, mid + appBar / 4);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, appBar * 35 / 100));
        g.drawString(PhotoEdit.shopName(rnd), width / 20 + appBar / 2, mid + appBar / 8);
        g.drawOval(width - appBar * 2, mid - appBar / 5, appBar * 2 / 5, appBar * 2 / 5);
        g.drawRect(width - appBar, mid - appBar / 5, appBar * 2 / 5, appBar * 2 / 5);

        // The photo, full width, with a carousel counter and dots over it.
        int py = status + appBar;
        g.drawImage(src, 0, py, width, photoH, null);
        int count = rnd.nextInt(3, 9);
        String counter = (1 + rnd.nextInt(count)) + "/" + count;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, width / 28));
        FontMetrics fm = g.getFontMetrics();
        int cw = fm.stringWidth(counter) + width / 25;
        g.setColor(new Color(0, 0, 0, 120));
        g.fillRoundRect(
                width - cw - width / 30,
                py + photoH - fm.getHeight() * 2,
                cw,
                fm.getHeight() + 6,
                20,
                20);
        g.setColor(Color.WHITE);
        g.drawString(
                counter,
                width - cw - width / 30 + width / 50,
                py + photoH - fm.getHeight() - 2 + fm.getAscent() / 2);
        int dot = Math.max(6, width / 90);
        for (int i = 0; i < count; i++) {
            g.setColor(i == 0 ? accent : new Color(200, 200, 200, 180));
            g.fillOval(width / 2 - count * dot + i * 2 * dot, py + photoH - dot * 3, dot, dot);
        }

        // Below the photo: price, old price, title lines and a buy button, as space allows.
        int y = py + photoH + below / 8;
        g.setColor(new Color(220, 40, 40));
        g.setFont(
                new Font(
                        Font.SANS_SERIF, Font.BOLD, Math.max(12, Math.min(width / 14, below / 4))));
        fm = g.getFontMetrics();
        y += fm.getAscent();
        String price = price(rnd);
        g.drawString(price, width / 20, y);
        g.setColor(Color.GRAY);
        g.setFont(
                new Font(
                        Font.SANS_SERIF,
                        Font.PLAIN,
                        Math.max(10, Math.min(width / 28, below / 8))));
        int ox = width / 20 + fm.stringWidth(price) + width / 30;
        String old = price(rnd);
        g.drawString(old, ox, y);
        FontMetrics small = g.getFontMetrics();
        g.drawLine(
                ox,
                y - small.getAscent() / 3,
                ox + small.stringWidth(old),
                y - small.getAscent() / 3);
        g.setColor(fg);
        int buttonH = Math.min(width / 9, below / 3);
        int buttonY = height - buttonH - width / 40;
        boolean button = buttonY > py + photoH + below / 2;
        int textEnd = button ? buttonY - small.getDescent() : height - small.getDescent();
        for (int line = 0; line < 4; line++) {
            y += small.getHeight() * 3 / 2;
            if (y > textEnd) {
                break;
            }
            g.drawString(
                    TITLES[rnd.nextInt(TITLES.length)] + " " + PhotoEdit.shopName(rnd),
                    width / 20,
                    y);
        }
        if (button) {
            g.setColor(accent);
            g.fillRoundRect(width / 20, buttonY, width * 9 / 10, buttonH, buttonH, buttonH);
        }
        g.dispose();
        return out;
    }

    /**
     * A wide promotional banner: the photo fills the height on one side; the other side holds
     * colour blocks, a slogan, a price and badges, one badge overlapping the photo's corner.
     */
    static BufferedImage promoBanner(BufferedImage src, RandomGenerator rnd) {
        int height = rnd.nextInt(450, 701);
        int margin = rnd.nextBoolean() ? 0 : height * rnd.nextInt(1, 5) / 100;
        int photoH = height - 2 * margin;
        int photoW = (int) Math.round((double) photoH * src.getWidth() / src.getHeight());
        double share = PhotoEdit.range(rnd, 0.5, 0.65);
        int width =
                Math.max(
                        photoW + 2 * margin + 1, (int) (photoW * (double) photoH / height / share));
        // Wide even for tall photos: at least 4:3 if the half-area rule allows it.
        width = Math.min(Math.max(width, height * 4 / 3), 2 * photoW * photoH / height);
        boolean photoLeft = rnd.nextBoolean();
        int px = photoLeft ? margin : width - margin - photoW;
        int freeX = photoLeft ? photoW + 2 * margin : 0;
        int freeW = width - photoW - 2 * margin;

        BufferedImage out = ImageOps.rgb(width, height);
        Graphics2D g = ImageOps.graphics(out);
        Color c1 = ImageOps.hsb(rnd, 0.6f, 1f, 0.55f, 0.95f);
        Color c2 = ImageOps.hsb(rnd, 0.5f, 1f, 0.3f, 0.8f);
        g.setPaint(new GradientPaint(0, 0, c1, width, height, c2));
        g.fillRect(0, 0, width, height);
        // A diagonal colour block behind the text.
        g.setColor(ImageOps.hsb(rnd, 0.3f, 0.9f, 0.7f, 1f));
        Polygon block = new Polygon();
        block.addPoint(freeX + freeW / 4, 0);
        block.addPoint(freeX + freeW, 0);
        block.addPoint(freeX + freeW, height);
        block.addPoint(freeX, height);
        g.fillPolygon(block);
        g.drawImage(src, px, margin, photoW, photoH, null);

        int tx = freeX + Math.max(8, freeW / 12);
        int tw = Math.max(1, freeW - 2 * Math.max(8, freeW / 12));
        String slogan = PROMO[rnd.nextInt(PROMO.length)];
        int y = height / 6;
        y = fitText(g, slogan, tx, y, tw, height / 5, Color.WHITE, Font.BOLD);
        String discount = "-" + rnd.nextInt(10, 71) + "%";
        y =
                fitText(
                        g,
                        discount,
                        tx,
                        y + height / 30,
                        tw,
                        height / 4,
                        new Color(255, 230, 0),
                        Font.BOLD);
        fitText(g, price(rnd), tx, y + height / 30, tw, height / 7, Color.WHITE, Font.PLAIN);
        fitText(
                g,
                "FREE SHIPPING",
                tx,
                height - height / 10,
                tw,
                height / 14,
                Color.WHITE,
                Font.BOLD);

        // Round badge over the photo's inner top corner.
        int d = height / 5;
        int bx = photoLeft ? px + photoW - d * 3 / 4 : px - d / 4;
        g.setColor(new Color(220, 30, 30));
        g.fillOval(bx, margin + d / 6, d, d);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, d / 3));
        FontMetrics fm = g.getFontMetrics();
        String badge = rnd.nextBoolean() ? "NEW" : "HOT";
        g.drawString(
                badge,
                bx + (d - fm.stringWidth(badge)) / 2,
                margin + d / 6 + (d + fm.getAscent() - fm.getDescent()) / 2);
        g.dispose();
        return out;
    }

    /**
     * Draws text at the largest size up to {@code maxSize} that fits {@code maxWidth}; returns the
     * baseline.
     */
    private static int fitText(
            Graphics2D g,
            String text,
            int x,
            int top,
            int maxWidth,
            int maxSize,
            Color colour,
            int style) {
        int size = Math.max(8, maxSize);
        g.setFont(new Font(Font.SANS_SERIF, style, size));
        FontMetrics fm = g.getFontMetrics();
        int tw = fm.stringWidth(text);
        if (tw > maxWidth) {
            size = Math.max(8, size * maxWidth / tw);
            g.setFont(new Font(Font.SANS_SERIF, style, size));
            fm = g.getFontMetrics();
        }
        int baseline = top + fm.getAscent();
        g.setColor(new Color(0, 0, 0, 90));
        g.drawString(text, x + 2, baseline + 2);
        g.setColor(colour);
        g.drawString(text, x, baseline);
        return baseline + fm.getDescent();
    }

    private static String price(RandomGenerator rnd) {
        return String.format(
                Locale.ROOT, "$%d.%02d", rnd.nextInt(5, 300), rnd.nextInt(0, 100) / 10 * 10 + 9);
    }
}
