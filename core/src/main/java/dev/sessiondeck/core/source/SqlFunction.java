package dev.sessiondeck.core.source;

import java.sql.SQLException;

/** A piece of JDBC work. */
@FunctionalInterface
public interface SqlFunction<T, R> {
    R apply(T t) throws SQLException, SourceException;
}
