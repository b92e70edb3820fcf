package dev.sessiondeck.app.session;

import dev.sessiondeck.core.model.KillMode;
import dev.sessiondeck.core.model.Session;
import java.util.Objects;

/**
 * What happened to one session of a Close Session / Close Query request.
 *
 * @param session the session as the user saw it when confirming
 * @param mode    what was asked
 * @param result  the outcome
 * @param detail  the server's or core's words for a failure; empty on success
 */
public record KillOutcome(Session session, KillMode mode, Result result, String detail) {

    /** The outcome of one kill. */
    public enum Result {
        /** Killed, and a later listing showed the session (or statement) gone. */
        CLOSED,
        /** Killed, but the session (or statement) was still listed when verification gave up. */
        NOT_CONFIRMED,
        /** It had already ended, or its id now names another session (SESSION_GONE). */
        ALREADY_GONE,
        /** The user may not kill it (PRIVILEGE), with the server's reason. */
        NOT_PERMITTED,
        /** SessionDeck refused: our own monitoring connection (REFUSED). */
        REFUSED,
        /** Anything else: unreachable, timeout, unsupported, a server error. */
        FAILED
    }

    public KillOutcome {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(detail, "detail");
    }
}
