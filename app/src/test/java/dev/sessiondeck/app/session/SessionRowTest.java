package dev.sessiondeck.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.SessionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import org.junit.jupiter.api.Test;

/** Rows keep plain values and make observables on demand; those must still tell every change. */
class SessionRowTest {

    private static Session session(long millis) {
        return Session.builder(SessionKey.ofId("ds", "7")).state(SessionState.ACTIVE).sql("SELECT SLEEP(60)")
                .executionTime(Duration.ofMillis(millis)).build();
    }

    @Test
    void aListenerThatReadsThroughTheGetterHearsEveryHighlightChange() {
        SessionRow row = new SessionRow(session(0));
        List<SessionRow.Highlight> heard = new ArrayList<>();
        // the table rows listen for invalidation and read the getter, as here
        row.highlightProperty().addListener((InvalidationListener) o -> heard.add(row.getHighlight()));

        row.setHighlight(SessionRow.Highlight.WARNING);
        row.setHighlight(SessionRow.Highlight.DANGER);
        row.setHighlight(SessionRow.Highlight.NONE);

        assertThat(heard).containsExactly(SessionRow.Highlight.WARNING, SessionRow.Highlight.DANGER,
                SessionRow.Highlight.NONE);
    }

    @Test
    void freshStaleAndGroupChangesAreHeardEveryTime() {
        SessionRow row = new SessionRow(session(0));
        SessionRow head = new SessionRow(session(0));
        List<String> heard = new ArrayList<>();
        row.freshProperty().addListener((InvalidationListener) o -> heard.add("fresh " + row.isFresh()));
        row.staleReasonProperty().addListener((InvalidationListener) o -> heard.add("stale " + row.isStale()));
        row.groupMemberProperty().addListener((InvalidationListener) o -> heard.add("member " + row.groupMemberProperty().get()));

        row.setFresh(true);
        row.setFresh(false);
        row.setStaleReason("server gone");
        row.setStaleReason("");
        row.setGroupHead(head);
        row.setGroupHead(row);

        assertThat(heard).containsExactly("fresh true", "fresh false", "stale true", "stale false",
                "member true", "member false");
    }

    @Test
    void aCellsValueFollowsEveryUpdateAndPlainValuesNeedNoObservable() {
        SessionRow row = new SessionRow(session(1_000));
        assertThat(row.value(SessionColumn.EXECUTION_TIME)).isEqualTo(Duration.ofSeconds(1));
        List<Object> heard = new ArrayList<>();
        row.valueProperty(SessionColumn.EXECUTION_TIME)
                .addListener((InvalidationListener) o -> heard.add(row.value(SessionColumn.EXECUTION_TIME)));

        assertThat(row.update(session(2_000))).isEqualTo(SessionRow.Change.VALUES);
        assertThat(row.update(session(3_500))).isEqualTo(SessionRow.Change.VALUES);
        assertThat(row.update(session(3_500))).isEqualTo(SessionRow.Change.NONE);

        assertThat(heard).containsExactly(Duration.ofMillis(2_000), Duration.ofMillis(3_500));
        assertThat(row.valueProperty(SessionColumn.EXECUTION_TIME).get()).isEqualTo(Duration.ofMillis(3_500));
    }
}
