package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.variables.VariablesViewModel;
import dev.sessiondeck.app.variables.VariablesWindow;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.testing.EmbeddedMariaDb;
import dev.sessiondeck.core.source.Variable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The variables page against a real MariaDB (performance_schema on): the important ones pinned
 * first, search by name and value, a change confirmed with old and new value and read back; another
 * session's variables from the row menu.
 */
class VariablesWindowIT extends WindowTestSupport {

    @RegisterExtension
    static final EmbeddedMariaDb DB = new EmbeddedMariaDb("--performance-schema=ON");

    @Start
    void start(Stage stage) {
        open(stage);
    }

    private SessionSource showAsRoot() throws Exception {
        return show(DB.spec("embedded-root", EmbeddedMariaDb.ROOT, EmbeddedMariaDb.ROOT_PASSWORD));
    }

    @SuppressWarnings("unchecked")
    private TableView<Variable> variablesTable() {
        return lookup("#variables-table").queryAs(TableView.class);
    }

    private void openVariables(SessionSource source) throws Exception {
        fx(() -> {
            VariablesViewModel vars = vm.variables(source).orElseThrow();
            new VariablesWindow(stage, vars).show();
            return null;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() -> variablesTable().getItems().size()) > 100);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Stage variablesStage() {
        return (Stage) lookup("#variables-view").query().getScene().getWindow();
    }

    @Test
    void importantVariablesComeFirstAndTheSearchFindsNameAndValue() throws Exception {
        openVariables(showAsRoot());

        List<String> first = fx(() -> variablesTable().getItems().subList(0, 3).stream().map(Variable::name).toList());
        assertThat(first).containsExactly("max_connections", "wait_timeout", "interactive_timeout");
        Screenshots.write(variablesStage().getScene(), Path.of("target", "screenshots", "variables-page.png"));

        clickOn("#variables-search").write("REPEATABLE");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> variablesTable().getItems().stream().map(Variable::name).toList()))
                .contains("transaction_isolation").allSatisfy(n -> assertThat(n).doesNotContain("max_connections"));
        fx(() -> {
            variablesStage().close();
            return null;
        });
    }

    @Test
    void aChangeIsConfirmedWithOldAndNewValueAndTheServersAnswerIsShown() throws Exception {
        openVariables(showAsRoot());
        clickOn("#variables-search").write("wait_timeout");
        WaitForAsyncUtils.waitForFxEvents();
        Variable wait = fx(() -> variablesTable().getItems().stream().filter(v -> v.name().equals("wait_timeout"))
                .findFirst().orElseThrow());
        String before = wait.value();
        Node row = lookup(".table-row-cell").match((Node n) -> n instanceof TableRow<?> t && t.getItem() == wait).query();
        clickOn(row);
        clickOn("#variables-edit");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(lookup("#variable-old-value").queryAs(Label.class).getText()).startsWith(before);
        TextField value = lookup("#variable-new-value").queryAs(TextField.class);
        fx(() -> {
            value.setText("4242");
            return null;
        });
        assertThat(lookup("#variable-confirm").queryAs(Label.class).getText()).contains(before, "4242");
        Screenshots.write(value.getScene(), Path.of("target", "screenshots", "variables-edit-confirmation.png"));
        clickOn("#variable-change");

        await().atMost(Duration.ofSeconds(10)).until(() -> fx(() ->
                lookup("#variables-notice").queryAs(Label.class).getText()).contains("4242"));
        assertThat(fx(() -> variablesTable().getItems().stream().filter(v -> v.name().equals("wait_timeout"))
                .findFirst().orElseThrow().value())).isEqualTo("4242");
        try (Connection c = DB.connectRoot(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT @@GLOBAL.wait_timeout")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(4242);
            st.execute("SET GLOBAL wait_timeout = " + Long.parseLong(before));
        }
        fx(() -> {
            variablesStage().close();
            return null;
        });
    }

    @Test
    void theRowMenusSessionVariablesIsGreyedWithTheReasonOnMariaDb() throws Exception {
        Connection other = DB.connect(EmbeddedMariaDb.PLAIN, EmbeddedMariaDb.PLAIN_PASSWORD);
        opened.add(other);
        long id = EmbeddedMariaDb.threadId(other);
        showAsRoot();
        SessionRow row = await().atMost(Duration.ofSeconds(10)).until(() -> {
            fx(() -> {
                vm.refresh();
                return null;
            });
            return shownRow(id);
        }, java.util.Optional::isPresent).orElseThrow();
        WaitForAsyncUtils.waitForFxEvents();
        openRowMenu(row);
        clickOn("#menu-more");

        Label entry = lookup("#menu-action-sessionVariables-label").queryAs(Label.class);
        assertThat(entry.getPseudoClassStates()).extracting(Object::toString).contains("blocked");
        assertThat(entry.getTooltip().getText()).contains("variables_by_thread");
        clickOn(entry);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#variables-table").tryQuery()).as("nothing opens").isEmpty();
    }

    @Test
    void theChinesePageRenders() throws Exception {
        SessionSource source = showAsRoot();
        Messages.use(Locale.SIMPLIFIED_CHINESE);
        try {
            openVariables(source);
            assertThat(lookup("#variables-scope-global").queryLabeled().getText()).isEqualTo("全局");
            Screenshots.write(variablesStage().getScene(), Path.of("target", "screenshots", "variables-page-zh.png"));
            fx(() -> {
                variablesStage().close();
                return null;
            });
        } finally {
            Messages.use(Locale.ENGLISH);
        }
    }
}
