package dev.sessiondeck.app.support;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/** The two looks of the window: AtlantaFX Primer Light and Primer Dark. */
public final class Themes {

    private Themes() {
    }

    /**
     * Makes every window use Primer Dark ({@code true}) or Primer Light. Call on the JavaFX thread.
     * The theme comes in AtlantaFX's binary form ({@code .bss}, the same rules already parsed): reading
     * the 170 kB of CSS text anew was part of every start's first frame.
     */
    public static void apply(boolean dark) {
        Application.setUserAgentStylesheet(dark
                ? new PrimerDark().getUserAgentStylesheetBSS()
                : new PrimerLight().getUserAgentStylesheetBSS());
    }

    /** The application's own stylesheet, on top of the theme. */
    public static String stylesheet() {
        return Themes.class.getResource("sessiondeck.css").toExternalForm();
    }
}
