package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.SessionKey;
import java.util.List;

/**
 * The variables of a data source: listing them, the ones worth seeing first, changing one and
 * reading back what the server now says, and another session's values where the server shows them.
 * Blocking; every call is bounded by the data source's query timeout. Obtain from
 * {@link dev.sessiondeck.core.source.SessionSource#variables()}.
 */
public interface Variables {

    /**
     * Every variable of {@code scope}, sorted by name.
     *
     * @throws SourceException {@code UNREACHABLE} or {@code TIMEOUT} when the server cannot be asked,
     *                         {@code PRIVILEGE} when the listing is refused
     */
    List<Variable> list(VariableScope scope) throws SourceException;

    /**
     * The names users of this kind of server look at first (OceanBase: {@code autocommit},
     * {@code ob_query_timeout} ...), in that order; a window pins them at the top.
     */
    List<String> important();

    /**
     * Changes one variable ({@code SET GLOBAL} / {@code SET SESSION}; PostgreSQL {@code ALTER SYSTEM}
     * then {@code pg_reload_conf()}, or {@code set_config} for the session), then reads it back.
     * The name must be one {@link #list} gives; the value is never pasted into SQL as text (a number
     * is written as a number, anything else is a bound parameter or a quoted literal).
     *
     * @return the variable as the server reports it afterwards
     * @throws SourceException {@code REFUSED} for an unknown name, {@code PRIVILEGE} when the user may
     *                         not, {@code SERVER_ERROR} with the server's words for a value it refuses
     */
    Variable set(VariableScope scope, String name, String value) throws SourceException;

    /**
     * Another session's variables where the server shows them (MySQL 5.7+ and MariaDB with
     * {@code performance_schema}: {@code performance_schema.variables_by_thread}).
     *
     * @throws SourceException {@code UNSUPPORTED} with the reason where the server cannot show them,
     *                         {@code SESSION_GONE} when the session has ended
     */
    List<Variable> ofSession(SessionKey key) throws SourceException;
}
