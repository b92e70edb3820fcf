package dev.sessiondeck.core.profile;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;

/**
 * Where SessionDeck keeps its files: {@code $XDG_CONFIG_HOME/sessiondeck} (or
 * {@code ~/.config/sessiondeck}) on Linux, {@code %APPDATA%\SessionDeck} on Windows,
 * {@code ~/Library/Application Support/SessionDeck} on macOS. The system property
 * {@code sessiondeck.config.dir} overrides it (tests, portable installs).
 */
public final class ConfigDirectory {

    public static final String OVERRIDE_PROPERTY = "sessiondeck.config.dir";

    private ConfigDirectory() {
    }

    /** The directory for this process. */
    public static Path resolve() {
        return resolve(System.getProperty(OVERRIDE_PROPERTY), System.getProperty("os.name", ""),
                System.getProperty("user.home", "."), System.getenv());
    }

    static Path resolve(String override, String osName, String home, Map<String, String> env) {
        if (override != null && !override.isBlank()) {
            return Paths.get(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return Paths.get(appData != null && !appData.isBlank() ? appData : home, "SessionDeck");
        }
        if (os.contains("mac")) {
            return Paths.get(home, "Library", "Application Support", "SessionDeck");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        // The XDG spec: a relative XDG_CONFIG_HOME is invalid and must be ignored.
        if (xdg != null && !xdg.isBlank() && Paths.get(xdg).isAbsolute()) {
            return Paths.get(xdg, "sessiondeck");
        }
        return Paths.get(home, ".config", "sessiondeck");
    }
}
