package dev.sessiondeck.app.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/**
 * The application icon in the sizes a window manager picks from (16 to 256 px), for
 * {@link javafx.stage.Stage#getIcons()}. The PNGs are rendered from
 * {@code packaging/icon/sessiondeck.svg} by {@code packaging/icon/render.sh}.
 */
public final class AppIcons {

    static final int[] SIZES = {16, 32, 48, 64, 128, 256};

    private AppIcons() {
    }

    /**
     * The icons, smallest first.
     *
     * @throws UncheckedIOException when one of them is missing from the app's resources
     */
    public static List<Image> load() {
        List<Image> icons = new ArrayList<>();
        for (int size : SIZES) {
            String name = "/dev/sessiondeck/app/icon/sessiondeck-" + size + ".png";
            try (InputStream in = AppIcons.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("resource missing: " + name);
                }
                icons.add(new Image(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return icons;
    }
}
