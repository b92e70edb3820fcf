package dev.sessiondeck.core.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where SessionDeck writes its log file: {@code $XDG_STATE_HOME/sessiondeck/logs} (default
 * {@code ~/.local/state/sessiondeck/logs}) on Linux, {@code %LOCALAPPDATA%\SessionDeck\logs} on
 * Windows, {@code ~/Library/Logs/SessionDeck} on macOS. The system property
 * {@value #OVERRIDE_PROPERTY} overrides it (tests, portable installs).
 */
public final class LogDirectory {

    public static final String OVERRIDE_PROPERTY = "sessiondeck.log.dir";
    private static final PlatformPlace PLACE = new PlatformPlace(OVERRIDE_PROPERTY, "LOCALAPPDATA",
            List.of("AppData", "Local"), List.of("SessionDeck", "logs"), List.of("Library", "Logs", "SessionDeck"),
            "XDG_STATE_HOME", List.of(".local", "state"), List.of("sessiondeck", "logs"));

    private LogDirectory() {
    }

    /** The directory for this process. */
    public static Path resolve() {
        return PLACE.resolve();
    }

    static Path resolve(String override, String osName, String home, Map<String, String> env) {
        return PLACE.resolve(override, osName, home, env);
    }
}
