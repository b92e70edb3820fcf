package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.ActionResult;
import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.ExecutionPlan;
import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionAction;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.Snapshot;
import dev.sessiondeck.core.model.SnapshotScope;
import dev.sessiondeck.core.model.SqlDialect;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.Text;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One connected data source: lists its sessions and acts on them. Blocking, and safe to call from
 * several threads; every call that leaves the process is bounded by the spec's timeouts (for SQL
 * servers: a pool of at most 2 connections, and the {@link ConnectionSpec#queryTimeout() query
 * timeout} on every statement).
 *
 * <p>Obtain one from {@link SessionSources#open(ConnectionSpec)}; close it when done.
 */
public interface SessionSource extends AutoCloseable {

    /** The data source's name, as in {@link SessionKey#dataSource()}. */
    String name();

    /** What the server is, in words: "MariaDB 11.4.5", "PostgreSQL 18.1". */
    String describe();

    /**
     * The attributes this data source fills beyond the {@link StandardAttributes#COMMON common
     * values}, in the order its columns should stand (each {@link Attribute#order()} decides among
     * all shown sources). The table shows a column for each, and hides the ones no shown source
     * declares.
     */
    List<Attribute<?>> attributes();

    /**
     * The {@link StandardAttributes#COMMON common values} this data source fills; the table hides the
     * columns of the others while only such sources are shown. By default all of them.
     */
    default List<Attribute<?>> commonAttributes() {
        return StandardAttributes.COMMON;
    }

    /**
     * Lists every session the connected user may see, with the full SQL text. SessionDeck's own
     * monitoring connections are in it, flagged {@link Session#own()}.
     *
     * @throws SourceException {@code UNREACHABLE}, {@code AUTHENTICATION} or {@code TIMEOUT} when the
     *                         server cannot be asked; {@code PRIVILEGE} when the listing is refused
     */
    Snapshot snapshot() throws SourceException;

    /**
     * Lists the sessions {@code scope} asks for: {@link SnapshotScope#ALL} is {@link #snapshot()};
     * with {@link SnapshotScope#BUSY} a source may leave idle client sessions out on the server's side
     * and count them in {@link Snapshot#idleLeftOut()}. By default every session is listed whatever
     * the scope (none left out).
     *
     * @throws SourceException as {@link #snapshot()}
     */
    default Snapshot snapshot(SnapshotScope scope) throws SourceException {
        return snapshot();
    }

    /**
     * Why the last {@link #snapshot()} shows less than the server has, when the connected user lacks a
     * privilege (MySQL's {@code PROCESS}, PostgreSQL's superuser or {@code pg_read_all_stats}): the
     * words name the privilege. Known after the first snapshot; empty before it, when the view is
     * complete, and when the source cannot tell.
     */
    default Optional<Text> limitation() {
        return Optional.empty();
    }

    /**
     * Why the last {@link #snapshot()} could not say who blocks whom ({@link StandardAttributes#BLOCKED_BY}
     * left empty for every session): a missing privilege or view, in words naming it. Empty when
     * blocking is known, and when the source has no blocking at all. The refresh itself does not fail
     * for it.
     */
    default Optional<Text> blockingUnknown() {
        return Optional.empty();
    }

    /**
     * The plan of the statement the session {@code key} names runs now, read on a connection of our
     * own with the query timeout. A session that runs nothing, a statement the server cannot explain
     * and a missing privilege give {@link ExecutionPlan#unavailable(Text)} with the reason; by default
     * every session gives "this kind of data source shows no plans".
     *
     * @throws SourceException {@code UNREACHABLE} or {@code TIMEOUT} when the server cannot be asked
     */
    default ExecutionPlan plan(SessionKey key) throws SourceException {
        return ExecutionPlan.unavailable(Text.of("dev.sessiondeck.core.model.messages", "plan.noPlans"));
    }

    /**
     * Why {@link #plan} cannot give a plan for {@code session} as it was listed (this kind of data
     * source or this version has none, the session is idle ...), in words for a tooltip; empty when it
     * may. Called on the UI thread: it must not ask the server. By default the words of the default
     * {@link #plan}: a source that shows plans overrides both.
     */
    default Optional<Text> planUnavailable(Session session) {
        return Optional.of(Text.of("dev.sessiondeck.core.model.messages", "plan.noPlans"));
    }

    /**
     * Kills exactly the session {@code key} names: first it reads the target again and refuses when
     * the id is gone or its identity changed; then it kills; then it lists the target again with a
     * short backoff (up to about 2 s) to verify.
     *
     * @return what the verification saw
     * @throws SourceException {@code REFUSED} for SessionDeck's own connection or an id this data
     *                         source cannot have, {@code SESSION_GONE} when the session (or, for a
     *                         query kill, the statement) has ended or the id now names another
     *                         session, {@code PRIVILEGE} when the user may not kill it,
     *                         {@code UNSUPPORTED} when the server cannot
     */
    KillResult kill(SessionKey key, KillMode mode) throws SourceException;

    /**
     * What this data source can do to its sessions; by default Close Session and Close Query. The
     * window offers these (and only these) for this data source's rows.
     */
    default List<SessionAction> actions() {
        return List.of(SessionAction.CLOSE_SESSION, SessionAction.CLOSE_QUERY);
    }

    /**
     * Why {@code action} cannot be done to {@code session} now, in words for a tooltip; empty when it
     * can. Called on the UI thread: it must not ask the server.
     */
    default Optional<Text> unavailable(SessionAction action, Session session) {
        if (action.activeOnly() && !session.isActive()) {
            return Optional.of(Text.of("dev.sessiondeck.core.model.messages", "action.closeQuery.notRunning"));
        }
        return Optional.empty();
    }

    /**
     * What an action's dialog starts with for {@code session}, by parameter id (the current trace
     * settings, for example); empty for the parameters' own initial values. Called on the UI
     * thread: it must not ask the server.
     */
    default Map<String, String> parameterDefaults(SessionAction action, Session session) {
        return Map.of();
    }

    /**
     * What an action's dialog starts with, read from the server (an infobase's current lock, for
     * example): called in the background before the dialog opens. The default asks nothing and gives
     * {@link #parameterDefaults}.
     *
     * @throws SourceException when the current values cannot be read; the dialog then starts with
     *                         the declared initial values and says why
     */
    default Map<String, String> readParameters(SessionAction action, Session session) throws SourceException {
        return parameterDefaults(action, session);
    }

    /**
     * Does {@code action} to the session {@code key} names, with the parameters the user gave (by
     * parameter id, each already accepted by its field's {@link dev.sessiondeck.core.model.InputField#check}).
     * The default carries out Close Session and Close Query through {@link #kill}.
     *
     * @throws SourceException as {@link #kill}; {@code UNSUPPORTED} for an action this data source
     *                         does not offer
     */
    default ActionResult perform(SessionAction action, SessionKey key, Map<String, String> parameters)
            throws SourceException {
        if (action.equals(SessionAction.CLOSE_SESSION) || action.equals(SessionAction.CLOSE_QUERY)) {
            KillResult r = kill(key, action.equals(SessionAction.CLOSE_SESSION) ? KillMode.SESSION : KillMode.QUERY);
            return new ActionResult(key, r.verified());
        }
        throw new SourceException(SourceException.Kind.UNSUPPORTED, SourceText.of("failure.cannotAct", name(), action.title()));
    }

    /**
     * The data source's variables (global and SessionDeck's own session's; another session's where
     * the server shows them); empty for a kind of data source that has none (1C).
     */
    default Optional<Variables> variables() {
        return Optional.empty();
    }

    /**
     * The dialect of the statements in {@link Session#sql()}, for laying them out and highlighting
     * them; empty where that text is not SQL (1C lists a server call's description) or its dialect is
     * unknown, and the window then shows it as it is. A constant: the JavaFX thread calls it.
     */
    default Optional<SqlDialect> sqlDialect() {
        return Optional.empty();
    }

    /** Releases what it holds (its pool, its subprocesses). Never throws. */
    @Override
    void close();
}
