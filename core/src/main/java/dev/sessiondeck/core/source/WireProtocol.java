package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.ServerInfo;
import java.util.Properties;

/**
 * What every product of one wire protocol shares: the JDBC driver's URL and settings, how failures
 * are worded, and how the server tells which product it is. One instance per protocol; providers
 * and source types of one protocol share it.
 */
public interface WireProtocol {

    /** The JDBC URL for the spec, never with credentials. */
    String jdbcUrl(ConnectionSpec spec);

    /** The driver's settings: connect and socket timeouts, TLS, the spec's extra properties. */
    Properties driverProperties(ConnectionSpec spec);

    SqlErrors errors();

    /**
     * The driver properties a data source may set, lower case: the harmless ones
     * ({@link DriverProperties}); every other one is refused before a connection is made.
     */
    java.util.Set<String> harmlessProperties();

    /**
     * Asks the server what it is.
     *
     * @throws SourceException when it cannot be asked, or {@code UNSUPPORTED} when the answer names
     *                         no product of this protocol
     */
    ServerInfo detect(ConnectionPool pool) throws SourceException;
}
