package dev.sessiondeck.core.model;

/** The database products SessionDeck knows, as detected from the server itself. */
public enum Product {
    MYSQL("MySQL"),
    MARIADB("MariaDB"),
    /** OceanBase in MySQL mode (tenant compatibility mode MYSQL). */
    OCEANBASE_MYSQL("OceanBase (MySQL mode)"),
    /** OceanBase in Oracle mode: detected so that it can be refused in words. */
    OCEANBASE_ORACLE("OceanBase (Oracle mode)"),
    POSTGRESQL("PostgreSQL");

    private final String displayName;

    Product(String displayName) {
        this.displayName = displayName;
    }

    /** The product's name as its vendor writes it. */
    public String displayName() {
        return displayName;
    }
}
