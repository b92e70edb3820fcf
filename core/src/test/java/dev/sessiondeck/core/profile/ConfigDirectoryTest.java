package dev.sessiondeck.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDirectoryTest {

    @Test
    void linuxFollowsXdgConfigHome() {
        assertThat(ConfigDirectory.resolve(null, "Linux", "/home/ann", Map.of("XDG_CONFIG_HOME", "/cfg")))
                .isEqualTo(Paths.get("/cfg/sessiondeck"));
        assertThat(ConfigDirectory.resolve(null, "Linux", "/home/ann", Map.of()))
                .isEqualTo(Paths.get("/home/ann/.config/sessiondeck"));
        assertThat(ConfigDirectory.resolve(null, "Linux", "/home/ann", Map.of("XDG_CONFIG_HOME", "relative/dir")))
                .isEqualTo(Paths.get("/home/ann/.config/sessiondeck"));
    }

    @Test
    void windowsUsesAppDataAndMacOsApplicationSupport() {
        assertThat(ConfigDirectory.resolve(null, "Windows 11", "C:\\Users\\ann", Map.of("APPDATA", "/appdata")))
                .isEqualTo(Paths.get("/appdata", "SessionDeck"));
        assertThat(ConfigDirectory.resolve(null, "Mac OS X", "/Users/ann", Map.of()))
                .isEqualTo(Paths.get("/Users/ann/Library/Application Support/SessionDeck"));
    }

    @Test
    void theSystemPropertyOverridesEverything() {
        assertThat(ConfigDirectory.resolve("/tmp/deck", "Linux", "/home/ann", Map.of("XDG_CONFIG_HOME", "/cfg")))
                .isEqualTo(Paths.get("/tmp/deck"));
    }
}
