package dev.sessiondeck.core.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where SessionDeck keeps its files: {@code $XDG_CONFIG_HOME/sessiondeck} (or
 * {@code ~/.config/sessiondeck}) on Linux, {@code %APPDATA%\SessionDeck} on Windows,
 * {@code ~/Library/Application Support/SessionDeck} on macOS. The system property
 * {@value #OVERRIDE_PROPERTY} overrides it (tests, portable installs).
 */
public final class ConfigDirectory {

    public static final String OVERRIDE_PROPERTY = "sessiondeck.config.dir";
    private static final PlatformPlace PLACE = new PlatformPlace(OVERRIDE_PROPERTY, "APPDATA", List.of(),
            List.of("SessionDeck"), List.of("Library", "Application Support", "SessionDeck"), "XDG_CONFIG_HOME",
            List.of(".config"), List.of("sessiondeck"));

    private ConfigDirectory() {
    }

    /** The directory for this process. */
    public static Path resolve() {
        return PLACE.resolve();
    }

    static Path resolve(String override, String osName, String home, Map<String, String> env) {
        return PLACE.resolve(override, osName, home, env);
    }
}
