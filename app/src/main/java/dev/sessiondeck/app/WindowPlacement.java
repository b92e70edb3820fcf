package dev.sessiondeck.app;

import dev.sessiondeck.app.support.Settings;
import java.util.Objects;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Where the main window opens and what of it is remembered. The first time it takes 80 % of the
 * primary screen's visual bounds (the screen without task bar and menu bar), centred: the session
 * table has many columns. Afterwards it opens where it was closed, at the size it had, maximized
 * if it was; when that place is on no screen any more (a monitor unplugged), it is centred on the
 * primary screen again, no larger than that screen.
 */
final class WindowPlacement {

    /** The share of the primary screen's visual bounds the window takes the first time, in each direction. */
    static final double FIRST_SHARE = 0.8;
    /** The part of the window that must be on a screen to count as shown there: its title bar, in pixels. */
    private static final double TITLE_BAR = 40;

    /** The screens the window may be on; {@link #system()} in the application, a fixed size in tests. */
    interface Screens {
        /** The visual bounds of the primary screen, in pixels. */
        Rectangle2D primary();

        /** True when some screen shows part of {@code area}. */
        boolean shows(Rectangle2D area);

        /** The screens JavaFX knows. */
        static Screens system() {
            return new Screens() {
                @Override
                public Rectangle2D primary() {
                    return Screen.getPrimary().getVisualBounds();
                }

                @Override
                public boolean shows(Rectangle2D area) {
                    return !Screen.getScreensForRectangle(area).isEmpty();
                }
            };
        }

        /** One screen with these visual bounds (for tests). */
        static Screens of(Rectangle2D visualBounds) {
            return new Screens() {
                @Override
                public Rectangle2D primary() {
                    return visualBounds;
                }

                @Override
                public boolean shows(Rectangle2D area) {
                    return visualBounds.intersects(area);
                }
            };
        }
    }

    private WindowPlacement() {
    }

    /**
     * The window's bounds (not maximized) from the saved settings: 80 % of the primary screen, centred,
     * the first time; the saved bounds when their title bar is on a screen; else the saved size, at
     * most the primary screen's, centred on it.
     */
    static Rectangle2D bounds(Settings saved, Screens screens) {
        Rectangle2D primary = screens.primary();
        if (!isSaved(saved)) {
            return centred(primary, primary.getWidth() * FIRST_SHARE, primary.getHeight() * FIRST_SHARE);
        }
        Rectangle2D titleBar = new Rectangle2D(saved.windowX, saved.windowY, saved.windowWidth,
                Math.min(TITLE_BAR, saved.windowHeight));
        if (screens.shows(titleBar)) {
            return new Rectangle2D(saved.windowX, saved.windowY, saved.windowWidth, saved.windowHeight);
        }
        return centred(primary, Math.min(saved.windowWidth, primary.getWidth()),
                Math.min(saved.windowHeight, primary.getHeight()));
    }

    private static boolean isSaved(Settings s) {
        return Double.isFinite(s.windowX) && Double.isFinite(s.windowY)
                && s.windowWidth > 0 && s.windowHeight > 0;
    }

    private static Rectangle2D centred(Rectangle2D screen, double width, double height) {
        return new Rectangle2D(screen.getMinX() + Math.floor((screen.getWidth() - width) / 2),
                screen.getMinY() + Math.floor((screen.getHeight() - height) / 2), Math.floor(width), Math.floor(height));
    }

    /**
     * Places the stage (before it is shown) by {@link #bounds} and {@code settings.maximized}, and
     * keeps its position, size and maximized state in {@code settings} from then on: the bounds only
     * while neither maximized nor iconified, so that a maximized window comes back to its own size.
     */
    static void place(Stage stage, Settings settings, Screens screens) {
        Objects.requireNonNull(settings, "settings");
        Rectangle2D b = bounds(settings, screens);
        stage.setX(b.getMinX());
        stage.setY(b.getMinY());
        stage.setWidth(b.getWidth());
        stage.setHeight(b.getHeight());
        stage.setMaximized(settings.maximized);
        remember(stage, settings);
        Runnable keep = () -> {
            if (!stage.isMaximized() && !stage.isIconified() && stage.isShowing()) {
                remember(stage, settings);
            }
        };
        stage.xProperty().addListener((o, a, v) -> keep.run());
        stage.yProperty().addListener((o, a, v) -> keep.run());
        stage.widthProperty().addListener((o, a, v) -> keep.run());
        stage.heightProperty().addListener((o, a, v) -> keep.run());
        stage.maximizedProperty().addListener((o, a, max) -> settings.maximized = max);
    }

    private static void remember(Stage stage, Settings settings) {
        settings.windowX = stage.getX();
        settings.windowY = stage.getY();
        settings.windowWidth = stage.getWidth();
        settings.windowHeight = stage.getHeight();
    }
}
