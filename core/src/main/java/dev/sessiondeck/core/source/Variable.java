package dev.sessiondeck.core.source;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One server variable (MySQL/MariaDB/OceanBase system variable, PostgreSQL setting) as the server
 * reported it.
 *
 * @param name     the server's name, e.g. {@code wait_timeout}, {@code ob_query_timeout}, {@code work_mem}
 * @param value    the value as the server prints it; empty text for an empty value
 * @param kind     what values it takes, for an editor
 * @param choices  the allowed values of a {@link Kind#BOOLEAN} or {@link Kind#ENUM} variable; empty otherwise
 * @param unit     the unit the server gives ({@code "us"} for OceanBase's timeouts, {@code "kB"},
 *                 {@code "ms"} ... for PostgreSQL); empty when it gives none
 * @param origin   where the value comes from (PostgreSQL {@code pg_settings.source}: default,
 *                 configuration file, session ...); empty when the server does not say
 * @param editable true when this scope's value can be changed at all (not read-only); whether the
 *                 connected user may is the server's to say
 * @param note     what changing it takes or does (PostgreSQL: "needs a server restart"), or the
 *                 server's description; empty for none
 */
public record Variable(String name, String value, Kind kind, List<String> choices, String unit, String origin,
                       boolean editable, String note) {

    /** What values a variable takes. */
    public enum Kind { BOOLEAN, ENUM, NUMBER, TEXT }

    public Variable {
        Objects.requireNonNull(name, "name");
        value = value == null ? "" : value;
        Objects.requireNonNull(kind, "kind");
        choices = List.copyOf(choices);
        unit = unit == null ? "" : unit;
        origin = origin == null ? "" : origin;
        note = note == null ? "" : note;
    }

    /**
     * The value in seconds where the unit is a time in micro- or milliseconds (OceanBase's
     * {@code ob_query_timeout} in microseconds; PostgreSQL's {@code ms} and {@code us}): "10 s"; empty
     * otherwise.
     */
    public Optional<String> inSeconds() {
        BigDecimal divisor = switch (unit) {
            case "us" -> BigDecimal.valueOf(1_000_000);
            case "ms" -> BigDecimal.valueOf(1_000);
            default -> null;
        };
        if (divisor == null || !value.matches("-?\\d{1,30}")) {
            return Optional.empty();
        }
        BigDecimal s = new BigDecimal(value).divide(divisor).stripTrailingZeros();
        return Optional.of(s.toPlainString() + " s");
    }

    /** True when {@code text} (case-insensitive, literal) is in the name or the value. */
    public boolean matches(String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        return name.toLowerCase(Locale.ROOT).contains(t) || value.toLowerCase(Locale.ROOT).contains(t);
    }
}
