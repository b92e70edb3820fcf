package dev.sessiondeck.app.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.core.profile.DataSourceProfile;
import dev.sessiondeck.core.profile.ProfileStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;

/** A data source whose name the sidebar cuts shows it whole in its tooltip, with what and where it is. */
class SidebarNamesIT extends MainWindowTestSupport {

    private static final String PROFILES = "sidebar-names.json";

    @Start
    void start(Stage stage) throws Exception {
        open(stage, PROFILES);
    }

    @Test
    void aLongNameShowsWholeInTheTooltipWithKindAndHost() throws Exception {
        String name = "Reporting replica of the order database in the second data centre";
        new ProfileStore(Path.of("target", "test-profiles", PROFILES))
                .save(List.of(DataSourceProfile.create(name, "postgresql", "db7.example.net", 5433, "deck")));
        fx(() -> {
            dataSources.load(() -> { }, problem -> { });
            return null;
        });
        // (an id with spaces is no CSS selector)
        java.util.function.Predicate<javafx.scene.Node> row = n -> ("ds-row-" + name).equals(n.getId());
        await().atMost(Duration.ofSeconds(10)).until(() -> lookup(row).tryQuery().isPresent());

        ListCell<?> cell = lookup(row).queryAs(ListCell.class);
        assertThat(fx(() -> cell.getTooltip().getText())).startsWith(name + "\nPostgreSQL \u00b7 db7.example.net:5433\n");
    }
}
