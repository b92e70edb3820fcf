package dev.sessiondeck.core.model;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a data source's server is, detected once per connection.
 *
 * @param product       the product
 * @param versionString the version exactly as the server reported it ({@code SELECT VERSION()})
 * @param version       the product's own version: for OceanBase the OceanBase version (4.2.1.0), not
 *                      the MySQL version it emulates (5.7.25)
 * @param capabilities  what SessionDeck can do on this server
 */
public record ServerInfo(Product product, String versionString, Version version, Set<Capability> capabilities) {

    /** OceanBase writes its own version after a "v": {@code 5.7.25-OceanBase_CE-v4.2.1.0}. */
    private static final Pattern OCEANBASE_VERSION = Pattern.compile("OceanBase[^-\\d]*[- ]v?(\\d+(?:\\.\\d+){0,3})", Pattern.CASE_INSENSITIVE);
    /**
     * MariaDB before 11 could be reported behind the replication prefix "5.5.5-"
     * ({@code 5.5.5-10.6.12-MariaDB}); the real version follows it.
     */
    private static final Pattern MARIADB_REPLICATION_PREFIX = Pattern.compile("^5\\.5\\.5-");

    public ServerInfo {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(versionString, "versionString");
        Objects.requireNonNull(version, "version");
        capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
    }

    public boolean can(Capability capability) {
        return capabilities.contains(capability);
    }

    /** "MariaDB 11.4.5". */
    public String describe() {
        return product.displayName() + " " + version;
    }

    /**
     * Detects a server of the MySQL protocol family from what it says of itself. OceanBase and
     * MariaDB are checked before MySQL, because both report a MySQL-like version.
     *
     * @param versionString  {@code SELECT VERSION()}, e.g. {@code 8.0.36}, {@code 11.4.5-MariaDB-log},
     *                       {@code 5.7.25-OceanBase_CE-v4.2.1.0}
     * @param versionComment {@code @@version_comment}, may be {@code null}; OceanBase names itself there too
     * @param oracleMode     true when the server said its compatibility mode is Oracle
     *                       ({@code @@ob_compatibility_mode = 'ORACLE'})
     * @throws IllegalArgumentException when the version string holds no version
     */
    public static ServerInfo detectMySqlFamily(String versionString, String versionComment, boolean oracleMode) {
        String v = versionString == null ? "" : versionString;
        String comment = versionComment == null ? "" : versionComment.toLowerCase(Locale.ROOT);
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.contains("oceanbase") || comment.contains("oceanbase")) {
            Matcher m = OCEANBASE_VERSION.matcher(v);
            Matcher inComment = OCEANBASE_VERSION.matcher(versionComment == null ? "" : versionComment);
            Version obVersion = m.find() ? Version.parse(m.group(1))
                    : inComment.find() ? Version.parse(inComment.group(1)) : Version.parse(v);
            if (oracleMode) {
                return new ServerInfo(Product.OCEANBASE_ORACLE, v, obVersion, Set.of());
            }
            return oceanBase(v, obVersion);
        }
        if (lower.contains("mariadb")) {
            Version mv = Version.parse(MARIADB_REPLICATION_PREFIX.matcher(v).replaceFirst(""));
            EnumSet<Capability> caps = EnumSet.of(Capability.KILL_SESSION, Capability.KILL_QUERY,
                    Capability.KILL_QUERY_BY_ID, Capability.MILLISECOND_TIME, Capability.EXPLAIN_FOR_CONNECTION,
                    Capability.BLOCKING);
            return new ServerInfo(Product.MARIADB, v, mv, caps);
        }
        Version mv = Version.parse(v);
        EnumSet<Capability> caps = EnumSet.of(Capability.KILL_SESSION, Capability.KILL_QUERY, Capability.BLOCKING);
        if (mv.atLeast(5, 7, 0)) {
            caps.add(Capability.EXPLAIN_FOR_CONNECTION);
        }
        return new ServerInfo(Product.MYSQL, v, mv, caps);
    }

    /**
     * OceanBase MySQL mode with the OceanBase version given, e.g. from {@code ob_version()}.
     */
    public static ServerInfo oceanBase(String versionString, Version obVersion) {
        EnumSet<Capability> caps = EnumSet.of(Capability.KILL_SESSION, Capability.KILL_QUERY, Capability.BLOCKING);
        if (obVersion.atLeast(4, 2, 1)) {
            caps.add(Capability.TRACE);
        }
        return new ServerInfo(Product.OCEANBASE_MYSQL, versionString, obVersion, caps);
    }

    /**
     * PostgreSQL, from what it says of itself. The version comes from {@code server_version_num}
     * (PostgreSQL manual, "Preset Options"), which is a plain number on every build, while
     * {@code version()} carries the build's own words ({@code PostgreSQL 18.1 (Debian 18.1-1) on ...},
     * {@code PostgreSQL 16.4 on aarch64-unknown-linux-gnu, compiled by ...} on RDS).
     *
     * @param versionString    {@code SELECT version()}
     * @param serverVersionNum {@code SHOW server_version_num}: major * 10000 + minor from 10 on
     *                         ({@code 180001} is 18.1), major * 10000 + minor * 100 + patch before
     *                         ({@code 90624} is 9.6.24)
     * @throws IllegalArgumentException when {@code serverVersionNum} is not a positive number
     */
    public static ServerInfo postgres(String versionString, String serverVersionNum) {
        int num;
        try {
            num = Integer.parseInt(serverVersionNum == null ? "" : serverVersionNum.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a server_version_num: '" + serverVersionNum + "'", e);
        }
        if (num <= 0) {
            throw new IllegalArgumentException("not a server_version_num: '" + serverVersionNum + "'");
        }
        int major = num / 10_000;
        Version version = major >= 10
                ? Version.of(major, num % 10_000, 0)
                : Version.of(major, num / 100 % 100, num % 100);
        return new ServerInfo(Product.POSTGRESQL, versionString == null ? "" : versionString, version,
                EnumSet.of(Capability.KILL_SESSION, Capability.KILL_QUERY, Capability.BLOCKING));
    }
}
