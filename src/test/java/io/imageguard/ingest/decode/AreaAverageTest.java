package io.imageguard.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class AreaAverageTest {

    @Test
    void halvingAveragesEachTwoByTwoBlock() {
        BufferedImage src = gray(new int[][] {{10, 20, 30, 40}, {50, 60, 70, 80}});

        BufferedImage out = AreaAverage.resize(src, 2, 1);

        // (10+20+50+60)/4 = 35, (30+40+70+80)/4 = 55
        assertThat(levels(out)).containsExactly(35, 55);
    }

    @Test
    void fractionalFactorWeighsPartlyCoveredPixels() {
        // 3 -> 2: output 0 covers pixel 0 fully and half of pixel 1, output 1 the rest.
        BufferedImage out = AreaAverage.resize(gray(new int[][] {{0, 90, 180}}), 2, 1);

        // (0 + 90/2) / 1.5 = 30, (90/2 + 180) / 1.5 = 150
        assertThat(levels(out)).containsExactly(30, 150);
    }

    @Test
    void planesAreAveragedAsImagesAreButNotRounded() {
        // Rows of a plane with a stride of 4 (the last sample is padding, never read):
        // 3 -> 2 across as above, 2 -> 1 down: ((0 + 45) / 1.5 + (9 + 45) / 1.5) / 2 = 33,
        // ((45 + 180) / 1.5 + (45 + 181) / 1.5) / 2 = 150.333...
        byte[] plane = {0, 90, (byte) 180, 99, 9, 90, (byte) 181, 99};

        float[] out = AreaAverage.resizePlane(plane, 4, 3, 2, 2, 1);

        assertThat(out[0]).isCloseTo(33f, org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(out[1]).isCloseTo(150.3333f, org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void planesReducedByMoreThanThreeUseEveryTap() {
        // 8 -> 2: four taps per output, the means of each half
        byte[] plane = {1, 2, 3, 4, 10, 20, 30, 40};

        assertThat(AreaAverage.resizePlane(plane, 8, 8, 1, 2, 1)).containsExactly(2.5f, 25f);
    }

    @Test
    void translucentPixelsAreCompositedOverWhite() {
        BufferedImage src = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        src.setRGB(0, 0, 0x00000000); // fully transparent black
        src.setRGB(1, 0, 0x80FF0000); // half-transparent red

        BufferedImage out = AreaAverage.resize(src, 2, 1);

        assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(out.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        // red: (255*128 + 255*127) / 255 = 255; green, blue: 255*127/255 = 127
        assertThat(out.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFF7F7F);
    }

    @Test
    void grayImagesKeepTheirSampleValues() {
        BufferedImage src = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        src.getRaster().setSamples(0, 0, 2, 2, 0, new int[] {100, 100, 100, 100});

        // getRGB would brighten it, reading the samples as linear light.
        assertThat(AreaAverage.resize(src, 1, 1).getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x646464);
    }

    @Test
    void enlargingRepeatsPixels() {
        BufferedImage out = AreaAverage.resize(gray(new int[][] {{40, 200}}), 4, 1);

        assertThat(levels(out)).containsExactly(40, 40, 200, 200);
    }

    private static BufferedImage gray(int[][] rows) {
        BufferedImage img =
                new BufferedImage(rows[0].length, rows.length, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[0].length; x++) {
                img.setRGB(x, y, rows[y][x] * 0x010101);
            }
        }
        return img;
    }

    private static int[] levels(BufferedImage img) {
        int[] out = new int[img.getWidth() * img.getHeight()];
        for (int i = 0; i < out.length; i++) {
            int p = img.getRGB(i % img.getWidth(), i / img.getWidth());
            assertThat(p & 0xFF).isEqualTo(p >> 8 & 0xFF).isEqualTo(p >> 16 & 0xFF);
            out[i] = p & 0xFF;
        }
        return out;
    }
}
