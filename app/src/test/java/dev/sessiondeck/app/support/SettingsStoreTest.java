package dev.sessiondeck.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void savedLayoutComesBackOnTheNextRun() {
        SettingsStore store = new SettingsStore(dir.resolve("nested"));
        Settings s = new Settings();
        s.windowWidth = 1000;
        s.refreshSeconds = 10;
        s.darkTheme = true;
        s.columns = List.of(new Settings.Column("user", 133, true), new Settings.Column("sql", 400, false));
        s.sort = List.of(new Settings.SortKey("executionTime", false));
        store.save(s);

        Settings back = new SettingsStore(dir.resolve("nested")).load();
        assertThat(back.windowWidth).isEqualTo(1000);
        assertThat(back.refreshSeconds).isEqualTo(10);
        assertThat(back.darkTheme).isTrue();
        assertThat(back.columns).extracting(c -> c.id + ":" + c.width + ":" + c.visible)
                .containsExactly("user:133.0:true", "sql:400.0:false");
        assertThat(back.sort).singleElement().satisfies(k -> {
            assertThat(k.id).isEqualTo("executionTime");
            assertThat(k.ascending).isFalse();
        });
    }

    @Test
    void aCorruptFileIsMovedAsideAndTheDefaultsAreUsed() throws IOException {
        Files.writeString(dir.resolve("settings.json"), "{ \"refreshSeconds\": [not json");

        Settings s = new SettingsStore(dir).load();

        assertThat(s.refreshSeconds).isEqualTo(new Settings().refreshSeconds);
        assertThat(dir.resolve("settings.json")).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .singleElement().asString().startsWith("settings.json.bak-");
        }
    }

    @Test
    void noFileMeansDefaults() {
        Settings s = new SettingsStore(dir).load();
        assertThat(s.warningSeconds).isEqualTo(1);
        assertThat(s.dangerSeconds).isEqualTo(10);
        assertThat(s.columns).isEmpty();
    }

    @Test
    void theConfigDirectoryPropertyWins() {
        String before = System.getProperty(SettingsStore.DIR_PROPERTY);
        System.setProperty(SettingsStore.DIR_PROPERTY, dir.toString());
        try {
            assertThat(SettingsStore.forUser().file()).isEqualTo(dir.resolve("settings.json"));
        } finally {
            if (before == null) {
                System.clearProperty(SettingsStore.DIR_PROPERTY);
            } else {
                System.setProperty(SettingsStore.DIR_PROPERTY, before);
            }
        }
    }
}
