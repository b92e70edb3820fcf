package dev.sessiondeck.app.session;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionAction;
import java.util.Objects;

/**
 * What happened to one session of an action (Close Session, Close Query, a data source's own).
 *
 * @param session the session as the user saw it when confirming
 * @param action  what was asked
 * @param result  the outcome
 * @param detail  the server's or core's words; empty when there is nothing to add
 */
public record ActionOutcome(Session session, SessionAction action, Result result, String detail) {

    /** The outcome of one action on one session. */
    public enum Result {
        /** Done, and the data source saw the effect afterwards (for a kill: the session or statement gone). */
        DONE,
        /** Asked, but the effect did not show when verification gave up. */
        NOT_CONFIRMED,
        /** The session had already ended, or its id now names another session (SESSION_GONE). */
        ALREADY_GONE,
        /** The user may not do it (PRIVILEGE), with the server's reason. */
        NOT_PERMITTED,
        /** SessionDeck refused: our own monitoring connection, an id the data source cannot have (REFUSED). */
        REFUSED,
        /** Anything else: unreachable, timeout, unsupported, a server error. */
        FAILED,
        /** Not attempted: the user cancelled the batch before this session's turn. */
        CANCELLED
    }

    public ActionOutcome {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(detail, "detail");
    }
}
