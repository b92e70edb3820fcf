package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.model.TraceSettings;
import java.util.Optional;

/**
 * A {@link SessionSource} that can switch end-to-end tracing per session (OceanBase 4.2.1+, where
 * {@link dev.sessiondeck.core.model.Capability#TRACE} is set).
 */
public interface SessionTracing {

    /** The session's current trace settings as its listing shows them; empty when tracing is off or unknown. */
    Optional<TraceSettings> traceSettings(Session session);

    /**
     * Enables tracing on the OBServer hosting the session.
     *
     * @throws SourceException {@code UNSUPPORTED} below 4.2.1, {@code SESSION_GONE} when the session
     *                         ended, {@code PRIVILEGE}, {@code UNREACHABLE} when the hosting OBServer
     *                         cannot be reached directly
     */
    void enableTrace(SessionKey key, TraceSettings settings) throws SourceException;

    /** Disables tracing; same failures as {@link #enableTrace}. */
    void disableTrace(SessionKey key) throws SourceException;
}
