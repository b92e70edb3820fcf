package dev.sessiondeck.app.datasource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.app.support.Themes;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window in Primer Dark: nothing of the scene's white fill shows through. */
class DarkThemeIT extends MainWindowTestSupport {

    @Start
    void start(Stage stage) throws Exception {
        open(stage, "dark.json");
    }

    @AfterEach
    void backToLight() throws Exception {
        fx(() -> {
            Themes.apply(false);
            return null;
        });
    }

    @Test
    void theWindowIsDarkEverywhere() throws Exception {
        fx(() -> {
            Themes.apply(true);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        picture(stage.getScene(), "main-window-dark");
        WritableImage image = fx(() -> stage.getScene().snapshot(null));
        int light = 0;
        int total = 0;
        for (int y = 0; y < (int) image.getHeight(); y += 4) {
            for (int x = 0; x < (int) image.getWidth(); x += 4) {
                Color c = image.getPixelReader().getColor(x, y);
                total++;
                if (c.getBrightness() > 0.85 && c.getSaturation() < 0.1) {
                    light++;
                }
            }
        }
        // text and icons are light in the dark theme; large light areas are not
        assertThat(100.0 * light / total).as("share of near-white pixels, %").isLessThan(3);
        // the root itself is painted, opaque, in the theme's background colour
        Color root = fx(() -> (Color) window.getBackground().getFills().get(0).getFill());
        assertThat(root.getOpacity()).isEqualTo(1.0);
        assertThat(root.getBrightness()).isLessThan(0.2);
    }
}
