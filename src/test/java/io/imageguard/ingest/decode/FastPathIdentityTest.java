package io.imageguard.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.imageguard.ingest.decode.TestJpegs.Encoding;
import io.imageguard.synth.PhotoEdit;
import io.imageguard.synth.ProductPhotoPainter;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The decode-side speed-ups change no sample: each checked against the path it shortcuts. */
class FastPathIdentityTest {

    /**
     * Large scans (at least 1024 blocks) read AC coefficients through a one-lookup value table,
     * small ones symbol by symbol. A gray JPEG's blocks are coded independently of their position,
     * so a block-aligned crop encoded on its own (400 blocks: the symbol path) must decode to
     * exactly the samples of the same blocks in the large file (2500 blocks: the table).
     */
    @ParameterizedTest
    @ValueSource(ints = {4, 2})
    void valueTableDecodesLikeTheSymbolPath(int denominator) throws Exception {
        BufferedImage photo =
                TestJpegs.toGray(copy(ProductPhotoPainter.paint(21, 4, 400), 400, 400));
        BufferedImage crop = photo.getSubimage(80, 120, 160, 160);
        Encoding enc = Encoding.baseline420();

        BufferedImage large =
                JpegDcDecoder.decode(TestJpegs.jpeg(photo, enc), Long.MAX_VALUE, denominator);
        BufferedImage small =
                JpegDcDecoder.decode(
                        TestJpegs.jpeg(copy(crop, 160, 160), enc), Long.MAX_VALUE, denominator);

        int n = 160 / denominator;
        int[] fromLarge = large.getRGB(80 / denominator, 120 / denominator, n, n, null, 0, n);
        assertThat(small.getRGB(0, 0, n, n, null, 0, n)).containsExactly(fromLarge);
    }

    /**
     * ImageIO's BGR bytes are averaged in place; the result equals that of an int copy, both for
     * reductions by less than 3 (four unrolled taps) and by more (the general loop).
     */
    @Test
    void bgrBytesAverageLikeIntPixels() {
        for (int i = 0; i < 2; i++) {
            BufferedImage p = ProductPhotoPainter.paint(i + 31, 2, 300 + 60 * i);
            BufferedImage edited = PhotoEdit.values()[i * 5].apply(p, new Random(i));
            for (BufferedImage src : new BufferedImage[] {p, edited}) {
                BufferedImage bgr = copyAs(src, BufferedImage.TYPE_3BYTE_BGR);
                BufferedImage rgb = copyAs(src, BufferedImage.TYPE_INT_RGB);
                for (int side : new int[] {256, 60}) {
                    int w = src.getWidth();
                    int h = src.getHeight();
                    int outW = Math.max(1, w * side / Math.max(w, h));
                    int outH = Math.max(1, h * side / Math.max(w, h));

                    BufferedImage a = AreaAverage.resize(bgr, outW, outH);
                    BufferedImage b = AreaAverage.resize(rgb, outW, outH);

                    assertThat(a.getRGB(0, 0, outW, outH, null, 0, outW))
                            .containsExactly(b.getRGB(0, 0, outW, outH, null, 0, outW));
                }
            }
        }
    }

    private static BufferedImage copy(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }

    private static BufferedImage copyAs(BufferedImage src, int type) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), type);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }
}
