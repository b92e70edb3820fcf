package dev.sessiondeck.app.datasource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.app.support.ColorTag;
import dev.sessiondeck.core.source.SourceType;
import dev.sessiondeck.core.source.SourceTypes;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import java.nio.file.Files;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.Start;

/** The data-source editor: validation as one types, a pasted JDBC URL, Test connection, saving. */
class DataSourceDialogIT extends MainWindowTestSupport {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb();

    @Start
    void start(Stage stage) throws Exception {
        open(stage, "editor.json");
    }

    @SuppressWarnings("unchecked")
    private ComboBox<SourceType> typeBox() {
        return (ComboBox<SourceType>) lookup("#ds-type").query();
    }

    private String error() {
        return lookup("#ds-error").queryLabeled().getText();
    }

    private boolean danger(String id) {
        return lookup(id).query().getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals("danger"));
    }

    private void set(String id, String text) throws Exception {
        TextField f = lookup(id).queryAs(TextField.class);
        fx(() -> {
            f.setText(text);
            return null;
        });
    }

    @Test
    void validationShowsTheBuildersBoundAtOnceNextToTheField() throws Exception {
        clickOn("#ds-add");
        assertThat(error()).isEqualTo("host is required");
        assertThat(lookup("#ds-ok").queryButton().isDisabled()).isTrue();

        clickOn("#ds-host").write("db.example");
        clickOn("#ds-user").write("ops");
        assertThat(error()).isEmpty();
        assertThat(lookup("#ds-ok").queryButton().isDisabled()).isFalse();

        doubleClickOn("#ds-port").write("70000");
        assertThat(error()).isEqualTo("port must be between 1 and 65535, was 70000");
        assertThat(danger("#ds-port")).isTrue();
        set("#ds-port", "3306");

        set("#ds-connect-timeout", "0.1");
        assertThat(error()).isEqualTo("connectTimeout cannot be less than 250 ms, was 100 ms");
        assertThat(danger("#ds-connect-timeout")).isTrue();
        assertThat(danger("#ds-port")).isFalse();
        set("#ds-connect-timeout", "5");

        clickOn("#ds-properties").write("useSSL");
        assertThat(error()).contains("Line 1");
        clickOn("#ds-cancel");
    }

    @Test
    void pastingAJdbcUrlIntoTheHostFieldFillsTheFields() throws Exception {
        clickOn("#ds-add");
        set("#ds-host", "jdbc:mariadb://db7.example:3310/shop?user=ops&connectTimeout=2000&useUnicode=true");

        assertThat(lookup("#ds-host").queryAs(TextField.class).getText()).isEqualTo("db7.example");
        assertThat(lookup("#ds-port").queryAs(TextField.class).getText()).isEqualTo("3310");
        assertThat(lookup("#ds-user").queryAs(TextField.class).getText()).isEqualTo("ops");
        assertThat(lookup("#ds-database").queryAs(TextField.class).getText()).isEqualTo("shop");
        assertThat(lookup("#ds-properties").queryAs(TextArea.class).getText()).isEqualTo("connectTimeout=2000\nuseUnicode=true");
        assertThat(typeBox().getValue().id()).isEqualTo("mariadb");
        assertThat(error()).as("the refused property is named, on its field").contains("'connectTimeout'", "timeouts");
        assertThat(danger("#ds-properties")).isTrue();
        TextArea properties = lookup("#ds-properties").queryAs(TextArea.class);
        fx(() -> {
            properties.setText("useUnicode=true");
            return null;
        });
        assertThat(error()).isEmpty();
        clickOn("#ds-cancel");
    }

    @Test
    void thePortFollowsTheTypeUntilTheUserTypesOne() throws Exception {
        clickOn("#ds-add");
        ComboBox<SourceType> type = typeBox();
        fx(() -> {
            type.getSelectionModel().select(SourceTypes.installed().require("postgresql"));
            return null;
        });
        assertThat(lookup("#ds-port").queryAs(TextField.class).getText()).isEqualTo("5432");

        doubleClickOn("#ds-port").write("6432");
        fx(() -> {
            type.getSelectionModel().select(SourceTypes.installed().require("oceanbase"));
            return null;
        });
        assertThat(lookup("#ds-port").queryAs(TextField.class).getText()).isEqualTo("6432");
        clickOn("#ds-cancel");
    }

    @Test
    void testConnectionReportsTheWrongPasswordKeepsTheFieldsThenTheServerAndSaveLists() throws Exception {
        clickOn("#ds-add");
        set("#ds-name", "local maria");
        set("#ds-host", DB.host());
        set("#ds-port", String.valueOf(DB.port()));
        clickOn("#ds-user").write(EmbeddedMariaDb.ADMIN);
        clickOn("#ds-password").write("wrong");
        clickOn("#ds-test");

        await().atMost(Duration.ofSeconds(20)).until(() -> lookup("#ds-test-result").queryLabeled().getText().startsWith("Authentication"));
        assertThat(lookup("#ds-user").queryAs(TextField.class).getText()).isEqualTo(EmbeddedMariaDb.ADMIN);
        assertThat(lookup("#ds-port").queryAs(TextField.class).getText()).isEqualTo(String.valueOf(DB.port()));

        doubleClickOn("#ds-password").write(EmbeddedMariaDb.ADMIN_PASSWORD);
        clickOn("#ds-test");
        await().atMost(Duration.ofSeconds(20)).until(() -> lookup("#ds-test-result").queryLabeled().getText().startsWith("Connected: MariaDB"));
        picture(lookup("#ds-editor").query().getScene(), "data-source-editor");

        @SuppressWarnings("unchecked")
        ComboBox<ColorTag> color = (ComboBox<ColorTag>) lookup("#ds-color").query();
        fx(() -> {
            color.setValue(ColorTag.RED);
            return null;
        });
        clickOn("#ds-save-password");
        clickOn("#ds-ok");
        assertThat(lookup("#ds-editor").tryQuery()).isEmpty();
        assertThat(fx(() -> dataSources.rows().stream().map(DataSourceRow::getName).toList())).containsExactly("local maria");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(java.nio.file.Path.of("target", "test-profiles", "editor.json")));
        assertThat(Files.readString(java.nio.file.Path.of("target", "test-profiles", "editor.json")))
                .contains("local maria").doesNotContain(EmbeddedMariaDb.ADMIN_PASSWORD);

        // the name is taken now
        clickOn("#ds-add");
        set("#ds-name", "local maria");
        set("#ds-host", "h");
        clickOn("#ds-user").write("u");
        assertThat(error()).contains("exists already");
        clickOn("#ds-cancel");

        // double-click connects with the saved password and shows the sessions
        DataSourceRow saved = fx(() -> dataSources.row("local maria").orElseThrow());
        Node cell = lookup(".list-cell").match((Node n) -> n instanceof ListCell<?> c && c.getItem() == saved).query();
        doubleClickOn(cell);
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> sessions.totalCountProperty().get() > 0));
        assertThat(fx(() -> dataSources.row("local maria").orElseThrow().getState())).isEqualTo(DataSourceRow.State.CONNECTED);
        assertThat(stage.getTitle()).isEqualTo("SessionDeck \u2014 local maria (Red)");
        assertThat(lookup("#session-table").query().getStyleClass()).contains("color-tag-red");
        picture(stage.getScene(), "main-window-data-sources");
        Button none = lookup("#ds-add").queryButton();
        assertThat(none.isDisabled()).isFalse();
    }

    @Test
    void connectFromTheWelcomePaneShowsAWrongPasswordInlineThenConnectsWithoutSaving() throws Exception {
        clickOn("#welcome-connect-button");
        set("#ds-host", DB.host());
        set("#ds-port", String.valueOf(DB.port()));
        clickOn("#ds-user").write(EmbeddedMariaDb.ADMIN);
        clickOn("#ds-password").write("wrong");
        clickOn("#ds-save");
        clickOn("#ds-ok");

        await().atMost(Duration.ofSeconds(20)).until(() -> lookup("#ds-test-result").queryLabeled().getText().startsWith("Authentication failed"));
        assertThat(lookup("#ds-user").queryAs(TextField.class).getText()).isEqualTo(EmbeddedMariaDb.ADMIN);

        doubleClickOn("#ds-password").write(EmbeddedMariaDb.ADMIN_PASSWORD);
        clickOn("#ds-ok");
        await().atMost(Duration.ofSeconds(20)).until(() -> lookup("#ds-editor").tryQuery().isEmpty());
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> sessions.totalCountProperty().get() > 0));
        assertThat(fx(() -> dataSources.rows().stream().map(DataSourceRow::isSaved).toList())).containsExactly(false);
    }
}
