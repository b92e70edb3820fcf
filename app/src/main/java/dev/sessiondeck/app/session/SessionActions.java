package dev.sessiondeck.app.session;

import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.ErrorText;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.model.ActionResult;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SourceException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What can be done to the selected rows, and doing it: the actions their data sources declare
 * ({@link SessionSource#actions()}), why one is not possible, and running one in the background on
 * exactly the sessions the user saw (by the key each row was listed with). Destructive actions are
 * never run on SessionDeck's own sessions.
 */
final class SessionActions {

    private static final Logger LOG = LoggerFactory.getLogger(SessionActions.class);

    private final Background background;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    /** Sessions done of the running batch, and its size; both 0 while none runs. */
    private final ReadOnlyIntegerWrapper done = new ReadOnlyIntegerWrapper(this, "done");
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(this, "total");
    /** Set by {@link #cancel()}: the running batch stops before its next session. */
    private volatile boolean cancelled;

    SessionActions(Background background) {
        this.background = background;
    }

    /** True while an action runs. */
    ReadOnlyBooleanProperty running() {
        return running.getReadOnlyProperty();
    }

    /** How many sessions of the running batch are done (0 while none runs). */
    ReadOnlyIntegerProperty done() {
        return done.getReadOnlyProperty();
    }

    /** How many sessions the running batch has (0 while none runs). */
    ReadOnlyIntegerProperty total() {
        return total.getReadOnlyProperty();
    }

    /**
     * Stops the running batch before its next session: the session being acted on now is finished
     * (a kill already sent cannot be taken back), the rest are reported as not attempted.
     */
    void cancel() {
        cancelled = true;
    }

    /**
     * The actions the data sources of {@code rows} offer, each once, in the order the first data
     * source lists them (for a menu).
     */
    static List<SessionAction> offered(List<SessionRow> rows) {
        Set<SessionAction> out = new LinkedHashSet<>();
        for (SessionRow r : rows) {
            SourceFeed feed = r.feed;
            if (feed != null) {
                out.addAll(feed.source.actions());
            }
        }
        return List.copyOf(out);
    }

    /** The rows an action would act on: for a statement-only action, the rows running one. */
    static List<SessionRow> targets(SessionAction action, List<SessionRow> selection) {
        return action.activeOnly() ? selection.stream().filter(SessionRow::isActive).toList() : selection;
    }

    /**
     * The rows of {@code shown} that "Close all shown ..." acts on: those whose data source offers
     * {@code action} and can do it to them now, never SessionDeck's own sessions (for a
     * statement-only action, only the rows running one). In the shown order.
     */
    static List<SessionRow> allShown(SessionAction action, List<SessionRow> shown) {
        List<SessionRow> out = new ArrayList<>();
        for (SessionRow r : targets(action, shown)) {
            SourceFeed feed = r.feed;
            if (feed != null && !(action.destructive() && r.isOwn()) && feed.source.actions().contains(action)
                    && feed.source.unavailable(action, r.getSession()).isEmpty()) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Why {@code action} cannot be done to the selection, worded for a tooltip; empty when it can
     * (to at least one of the rows: the others are reported when it runs). Asks no server.
     */
    static Optional<String> whyNot(SessionAction action, List<SessionRow> selection) {
        if (selection.isEmpty()) {
            return Optional.of(Messages.get("action.blocked.noSelection"));
        }
        if (!action.many() && selection.size() != 1) {
            return Optional.of(Messages.get("action.blocked.selectOne"));
        }
        if (action.destructive() && selection.stream().anyMatch(SessionRow::isOwn)) {
            return Optional.of(Messages.get("action.blocked.own"));
        }
        for (SessionRow r : selection) {
            SourceFeed feed = r.feed;
            if (feed == null) {
                return Optional.of(Messages.get("action.blocked.disconnected", r.getSession().key().dataSource()));
            }
            if (!feed.source.actions().contains(action)) {
                return Optional.of(Messages.get("action.blocked.unsupported", feed.source.describe()));
            }
        }
        List<SessionRow> targets = targets(action, selection);
        if (targets.isEmpty()) {
            return Optional.of(Messages.get("action.blocked.noStatement"));
        }
        Optional<String> first = Optional.empty();
        for (SessionRow r : targets) {
            Optional<String> reason = r.feed.source.unavailable(action, r.getSession()).map(t -> t.resolve(Messages.locale()));
            if (reason.isEmpty()) {
                return Optional.empty();
            }
            first = first.isPresent() ? first : reason;
        }
        return first;
    }

    /** What the action's dialog starts with for this row, by parameter id. */
    static Map<String, String> defaults(SessionAction action, SessionRow row) {
        SourceFeed feed = row.feed;
        return feed == null ? Map.of() : feed.source.parameterDefaults(action, row.getSession());
    }

    /**
     * Runs the action on the rows in the background, each by the key the user saw, then calls
     * {@code done} on the UI thread with one outcome per target, in order.
     */
    void perform(SessionAction action, List<SessionRow> rows, Map<String, String> parameters,
                 Consumer<List<ActionOutcome>> done) {
        List<Target> targets = new ArrayList<>();
        for (SessionRow r : targets(action, rows)) {
            SourceFeed feed = r.feed;
            targets.add(new Target(r.getSession(), feed == null ? null : feed.source));
        }
        if (targets.isEmpty()) {
            return;
        }
        running.set(true);
        cancelled = false;
        this.done.set(0);
        total.set(targets.size());
        Map<String, String> params = Map.copyOf(parameters);
        background.run(() -> {
            List<ActionOutcome> outcomes = new ArrayList<>();
            for (Target t : targets) {
                if (cancelled) {
                    outcomes.add(new ActionOutcome(t.session(), action, ActionOutcome.Result.CANCELLED, ""));
                    continue;
                }
                outcomes.add(performOne(action, t, params));
                int count = outcomes.size();
                background.ui().execute(() -> this.done.set(count));
            }
            return outcomes;
        }, outcomes -> {
            finished();
            done.accept(outcomes);
        }, e -> {
            finished();
            LOG.warn("{} failed", action, e);
            done.accept(targets.stream().map(t -> new ActionOutcome(t.session(), action, ActionOutcome.Result.FAILED,
                    ErrorText.of(e))).toList());
        });
    }

    private void finished() {
        running.set(false);
        done.set(0);
        total.set(0);
    }

    /** A session to act on and the data source that listed it ({@code null} once disconnected). */
    private record Target(Session session, SessionSource source) {
    }

    private static ActionOutcome performOne(SessionAction action, Target t, Map<String, String> params) {
        Session s = t.session();
        if (t.source() == null) {
            return new ActionOutcome(s, action, ActionOutcome.Result.FAILED,
                    Messages.get("action.blocked.disconnected", s.key().dataSource()));
        }
        if (action.destructive() && s.own()) {
            return new ActionOutcome(s, action, ActionOutcome.Result.REFUSED, Messages.get("action.blocked.own"));
        }
        Optional<String> unavailable = t.source().unavailable(action, s).map(r -> r.resolve(Messages.locale()));
        if (unavailable.isPresent()) {
            return new ActionOutcome(s, action, ActionOutcome.Result.REFUSED, unavailable.get());
        }
        try {
            ActionResult r = t.source().perform(action, s.key(), params);
            LOG.info("{} {}: verified={} {}", action.id(), s.key(), r.verified(), r.detail().map(Text::english).orElse(""));
            return new ActionOutcome(s, action, r.verified() ? ActionOutcome.Result.DONE : ActionOutcome.Result.NOT_CONFIRMED,
                    r.detail().map(d -> d.resolve(Messages.locale())).orElse(""));
        } catch (SourceException e) {
            LOG.info("{} {} failed: {} {}", action.id(), s.key(), e.kind(), e.getMessage());
            ActionOutcome.Result result = switch (e.kind()) {
                case SESSION_GONE -> ActionOutcome.Result.ALREADY_GONE;
                case PRIVILEGE -> ActionOutcome.Result.NOT_PERMITTED;
                case REFUSED -> ActionOutcome.Result.REFUSED;
                default -> ActionOutcome.Result.FAILED;
            };
            return new ActionOutcome(s, action, result, ErrorText.message(e));
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", action.id(), s.key(), e);
            return new ActionOutcome(s, action, ActionOutcome.Result.FAILED, ErrorText.of(e));
        }
    }
}
