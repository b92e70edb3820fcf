package dev.sessiondeck.core.source;

/**
 * How a connection uses TLS. The names follow MySQL's {@code ssl-mode} (Connector/J {@code sslMode})
 * and map onto PostgreSQL's {@code sslmode} (disable, prefer, require, verify-ca, verify-full).
 */
public enum TlsMode {
    DISABLED,
    PREFERRED,
    REQUIRED,
    VERIFY_CA,
    VERIFY_IDENTITY
}
