package dev.sessiondeck.app.support;

import java.lang.management.ManagementFactory;
import javafx.application.Platform;

/**
 * A start-up probe for the benchmark and for the package's class list (packaging/README.md): with
 * the system property {@code sessiondeck.exitAfterFirstFrame=true} (e.g. through
 * {@code JAVA_TOOL_OPTIONS}, which also reaches an installed launcher), the window prints
 * {@code FIRST_FRAME <epoch ms> <JVM start epoch ms>} after its first frame and closes.
 * Without the property it does nothing.
 */
public final class FirstFrameReport {

    /** The system property that asks for the report. */
    public static final String PROPERTY = "sessiondeck.exitAfterFirstFrame";

    private FirstFrameReport() {
    }

    /** Called on the JavaFX thread at the end of the window's first layout pulse. */
    public static void firstFrameShown() {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        System.out.println("FIRST_FRAME " + System.currentTimeMillis() + " "
                + ManagementFactory.getRuntimeMXBean().getStartTime());
        System.out.flush();
        Platform.runLater(Platform::exit);
    }
}
