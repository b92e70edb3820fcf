package dev.sessiondeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.app.support.Settings;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

class WindowPlacementTest {

    private static final WindowPlacement.Screens FULL_HD = WindowPlacement.Screens.of(new Rectangle2D(0, 0, 1920, 1080));

    @Test
    void firstStartTakesFourFifthsOfTheScreenCentred() {
        Rectangle2D b = WindowPlacement.bounds(new Settings(), FULL_HD);

        assertThat(b).isEqualTo(new Rectangle2D(192, 108, 1536, 864));
    }

    @Test
    void firstStartCountsTheVisualBoundsOnly() {
        // a task bar of 40 px at the bottom, a second screen's primary at x 1920
        WindowPlacement.Screens screen = WindowPlacement.Screens.of(new Rectangle2D(1920, 0, 2560, 1400));

        Rectangle2D b = WindowPlacement.bounds(new Settings(), screen);

        assertThat(b).isEqualTo(new Rectangle2D(1920 + 256, 140, 2048, 1120));
    }

    @Test
    void savedBoundsOnAScreenComeBackAsTheyWere() {
        Settings s = saved(50, 60, 1400, 900);

        assertThat(WindowPlacement.bounds(s, FULL_HD)).isEqualTo(new Rectangle2D(50, 60, 1400, 900));
    }

    @Test
    void savedBoundsOnAScreenThatIsGoneAreCentredOnThePrimaryAndClampedToIt() {
        // closed on a second screen right of the primary, larger than the primary
        Settings s = saved(2200, 100, 2400, 1300);

        assertThat(WindowPlacement.bounds(s, FULL_HD)).isEqualTo(new Rectangle2D(0, 0, 1920, 1080));

        Settings small = saved(-3000, 200, 1000, 700);
        assertThat(WindowPlacement.bounds(small, FULL_HD)).isEqualTo(new Rectangle2D(460, 190, 1000, 700));
    }

    @Test
    void aWindowWhoseTitleBarIsOffEveryScreenIsCentred() {
        // its body reaches into the screen from above, its title bar does not
        Settings s = saved(100, -500, 1000, 700);

        assertThat(WindowPlacement.bounds(s, FULL_HD)).isEqualTo(new Rectangle2D(460, 190, 1000, 700));
    }

    private static Settings saved(double x, double y, double w, double h) {
        Settings s = new Settings();
        s.windowX = x;
        s.windowY = y;
        s.windowWidth = w;
        s.windowHeight = h;
        return s;
    }
}
