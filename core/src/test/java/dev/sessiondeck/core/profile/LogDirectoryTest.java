package dev.sessiondeck.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The log folder is each platform's place for an application's logs, and the override wins. */
class LogDirectoryTest {

    @Test
    void linuxUsesXdgStateHomeOrItsDefault() {
        assertThat(LogDirectory.resolve(null, "Linux", "/home/ann", Map.of("XDG_STATE_HOME", "/var/state/ann")))
                .isEqualTo(Paths.get("/var/state/ann/sessiondeck/logs"));
        assertThat(LogDirectory.resolve(null, "Linux", "/home/ann", Map.of()))
                .isEqualTo(Paths.get("/home/ann/.local/state/sessiondeck/logs"));
    }

    @Test
    void aRelativeXdgStateHomeIsIgnoredAsTheSpecificationSays() {
        assertThat(LogDirectory.resolve(null, "Linux", "/home/ann", Map.of("XDG_STATE_HOME", "state")))
                .isEqualTo(Paths.get("/home/ann/.local/state/sessiondeck/logs"));
    }

    @Test
    void windowsUsesLocalAppData() {
        assertThat(LogDirectory.resolve(null, "Windows 11", "/Users/ann", Map.of("LOCALAPPDATA", "/AppData/Local")))
                .isEqualTo(Paths.get("/AppData/Local", "SessionDeck", "logs"));
        assertThat(LogDirectory.resolve(null, "Windows 11", "/Users/ann", Map.of()))
                .isEqualTo(Paths.get("/Users/ann", "AppData", "Local", "SessionDeck", "logs"));
    }

    @Test
    void macOsUsesLibraryLogs() {
        assertThat(LogDirectory.resolve(null, "Mac OS X", "/Users/ann", Map.of("XDG_STATE_HOME", "/x")))
                .isEqualTo(Paths.get("/Users/ann/Library/Logs/SessionDeck"));
    }

    @Test
    void theOverrideWins() {
        assertThat(LogDirectory.resolve("/tmp/logs", "Linux", "/home/ann", Map.of("XDG_STATE_HOME", "/x")))
                .isEqualTo(Paths.get("/tmp/logs"));
    }
}
