package dev.sessiondeck.app.session;

import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.ErrorText;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.model.ExecutionPlan;
import dev.sessiondeck.core.model.Session;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plan of a session's statement: whether its data source can give one (asked without the
 * server, {@code SessionSource#planUnavailable}), and reading it in the background
 * ({@code SessionSource#plan}) by the key the row was listed with.
 */
final class SessionPlans {

    private static final Logger LOG = LoggerFactory.getLogger(SessionPlans.class);

    private final Background background;

    SessionPlans(Background background) {
        this.background = background;
    }

    /** Why no plan can be shown for the selection, worded for a tooltip; empty when one may be read. Asks no server. */
    static Optional<String> whyNot(List<SessionRow> selection) {
        if (selection.size() != 1) {
            return Optional.of(Messages.get("action.blocked.selectOne"));
        }
        SessionRow row = selection.get(0);
        SourceFeed feed = row.feed;
        if (feed == null) {
            return Optional.of(Messages.get("action.blocked.disconnected", row.getSession().key().dataSource()));
        }
        return feed.source.planUnavailable(row.getSession()).map(t -> t.resolve(Messages.locale()));
    }

    /**
     * Reads the plan of the session {@code row} shows, in the background; {@code onPlan} receives it (or
     * the reason there is none, in the plan) and {@code onFailure} a failure worded for a person, on the
     * UI thread. Cancel the job when its answer is no longer wanted.
     */
    Background.Job read(SessionRow row, Consumer<ExecutionPlan> onPlan, Consumer<String> onFailure) {
        SourceFeed feed = row.feed;
        Session session = row.getSession();
        if (feed == null) {
            Background.Job none = new Background.Job();
            onFailure.accept(Messages.get("action.blocked.disconnected", session.key().dataSource()));
            return none;
        }
        return background.run(() -> feed.source.plan(session.key()), onPlan, e -> {
            LOG.info("Cannot read the plan of {}: {}", session.key(), e.getMessage());
            onFailure.accept(ErrorText.of(e));
        });
    }
}
