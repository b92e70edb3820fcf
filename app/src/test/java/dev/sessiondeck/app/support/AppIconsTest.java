package dev.sessiondeck.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The window's icons: every size {@link AppIcons} loads is in the resources, a PNG of that size. */
class AppIconsTest {

    @Test
    void everySizeIsAPngOfThatSize() throws IOException {
        for (int size : AppIcons.SIZES) {
            String name = "/dev/sessiondeck/app/icon/sessiondeck-" + size + ".png";
            try (InputStream in = AppIcons.class.getResourceAsStream(name)) {
                assertThat(in).as(name).isNotNull();
                DataInputStream png = new DataInputStream(in);
                byte[] signature = new byte[8];
                png.readFully(signature);
                assertThat(signature).as(name).containsExactly(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a);
                png.readInt(); // IHDR's length
                assertThat(png.readInt()).as(name + " chunk").isEqualTo(0x49484452); // "IHDR"
                assertThat(png.readInt()).as(name + " width").isEqualTo(size);
                assertThat(png.readInt()).as(name + " height").isEqualTo(size);
            }
        }
    }
}
