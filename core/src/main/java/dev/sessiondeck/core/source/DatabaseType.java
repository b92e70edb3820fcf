package dev.sessiondeck.core.source;

/**
 * The kind of server a data source points at, as the user chose it. {@link #AUTO} speaks the MySQL
 * protocol and lets the server tell whether it is MySQL, MariaDB or OceanBase.
 */
public enum DatabaseType {
    AUTO(Protocol.MYSQL, 3306),
    MYSQL(Protocol.MYSQL, 3306),
    MARIADB(Protocol.MYSQL, 3306),
    /** OceanBase in MySQL mode; 2881 is the OBServer's SQL port, OBProxy listens on 2883. */
    OCEANBASE(Protocol.MYSQL, 2881),
    POSTGRESQL(Protocol.POSTGRESQL, 5432);

    /** The wire protocol, which decides the JDBC driver. */
    public enum Protocol { MYSQL, POSTGRESQL }

    private final Protocol protocol;
    private final int defaultPort;

    DatabaseType(Protocol protocol, int defaultPort) {
        this.protocol = protocol;
        this.defaultPort = defaultPort;
    }

    public Protocol protocol() {
        return protocol;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
