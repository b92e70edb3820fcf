package dev.sessiondeck.core.model;

/**
 * The SQL dialect a data source's statements are written in, so that the window can lay them out
 * and highlight them for reading. Declared by the source ({@code SessionSource.sqlDialect()}); the
 * window never guesses it from a product name.
 */
public enum SqlDialect {
    /** MySQL, and OceanBase in MySQL mode (its statements follow MySQL's grammar). */
    MYSQL,
    /** MariaDB. */
    MARIADB,
    /** PostgreSQL. */
    POSTGRESQL
}
