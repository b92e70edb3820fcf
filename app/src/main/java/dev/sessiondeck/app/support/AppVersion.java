package dev.sessiondeck.app.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;

/**
 * SessionDeck's version, as the build wrote it into {@code version.properties} (Maven resource
 * filtering from the POM's {@code project.version}); the command line's {@code --version} and Help
 * &gt; About both read it. Empty when run from classes the build did not filter (an IDE).
 */
public final class AppVersion {

    private static final Optional<String> VERSION = read();

    private AppVersion() {
    }

    /** "0.1.0-SNAPSHOT"; empty when unknown. */
    public static Optional<String> current() {
        return VERSION;
    }

    private static Optional<String> read() {
        try (InputStream in = AppVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").trim();
            // unfiltered: the placeholder itself
            return v.isEmpty() || v.startsWith("${") ? Optional.empty() : Optional.of(v);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
