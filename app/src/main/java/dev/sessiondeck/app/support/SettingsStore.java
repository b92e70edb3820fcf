package dev.sessiondeck.app.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link Settings} as {@code settings.json} in SessionDeck's configuration
 * directory: the system property {@value #DIR_PROPERTY} when set (tests use it), else
 * {@code $XDG_CONFIG_HOME/sessiondeck}, else {@code ~/.config/sessiondeck}.
 *
 * <p>A file that cannot be read never stops the window: it is logged, moved aside as
 * {@code settings.json.bak-<timestamp>} and the defaults are used.
 */
public final class SettingsStore {

    /** System property naming the configuration directory. */
    public static final String DIR_PROPERTY = "sessiondeck.config.dir";
    static final String FILE_NAME = "settings.json";

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SettingsStore(Path directory) {
        this.file = Objects.requireNonNull(directory, "directory").resolve(FILE_NAME);
    }

    /** The store in the user's configuration directory (see the class comment). */
    public static SettingsStore forUser() {
        return new SettingsStore(configDirectory());
    }

    /** SessionDeck's configuration directory (see the class comment); it may not exist yet. */
    public static Path configDirectory() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("sessiondeck");
    }

    public Path file() {
        return file;
    }

    /** The stored settings; the defaults when there is no file or it cannot be read (then moved aside). */
    public Settings load() {
        if (!Files.exists(file)) {
            return new Settings();
        }
        try {
            Settings s = mapper.readValue(file.toFile(), Settings.class);
            return s == null ? new Settings() : s;
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(FILE_NAME + ".bak-" + LocalDateTime.now().format(STAMP));
            LOG.warn("Cannot read the settings {} ({}); moved it to {} and starting with defaults",
                    file, e.getMessage(), aside.getFileName());
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warn("Cannot move {} aside: {}", file, moveFailed.getMessage());
            }
            return new Settings();
        }
    }

    /** Writes the settings; a failure is logged, never thrown (losing a layout is no reason to crash). */
    public void save(Settings settings) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            mapper.writeValue(tmp.toFile(), settings);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Cannot save the settings to {}: {}", file, e.getMessage());
        }
    }
}
