package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.Text;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.Optional;

/**
 * Turns a JDBC failure into a {@link SourceException} with words a person understands. Each
 * protocol adds its own vendor codes; what is common (network, timeouts) lives here.
 */
public interface SqlErrors {

    /**
     * @param e       the failure
     * @param context what was being done, e.g. "Cannot list the sessions of prod-db" (no credentials)
     */
    SourceException translate(SQLException e, Text context);

    /**
     * The network and timeout failures every driver reports alike, found anywhere in the cause
     * chain; empty when {@code e} is none of them.
     */
    static Optional<SourceException> network(SQLException e, Text context) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) {
                return Optional.of(new SourceException(SourceException.Kind.UNREACHABLE,
                        SourceText.of("failure.unknownHost", context, String.valueOf(t.getMessage())), e));
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return Optional.of(new SourceException(SourceException.Kind.UNREACHABLE,
                        SourceText.of("failure.refused", context, String.valueOf(t.getMessage())), e));
            }
            if (t instanceof SocketTimeoutException || t instanceof SQLTimeoutException) {
                return Optional.of(new SourceException(SourceException.Kind.TIMEOUT,
                        SourceText.of("failure.noAnswer", context), e));
            }
        }
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) {
            return Optional.of(new SourceException(SourceException.Kind.UNREACHABLE,
                    SourceText.of("failure.connectionFailed", context, firstLine(e.getMessage())), e));
        }
        return Optional.empty();
    }

    /** The first line of a driver message, which often carries a long stack of detail below it. */
    static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
