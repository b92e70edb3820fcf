package dev.sessiondeck.core.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Attribute values as exports carry them: exact, in the unit the export key names
 * ({@link Attribute#exportKey()}): durations in milliseconds (a decimal when the server gave a
 * finer value), bytes and counts as whole numbers, moments as ISO-8601 text, percentages as
 * numbers, session references as a list of ids (numbers where the ids are numbers).
 */
public final class Exports {

    private Exports() {
    }

    /**
     * The value of {@code attribute} in {@code session} for JSON: a {@link String}, {@link Long},
     * {@link BigDecimal}, {@link Double}, {@link Boolean} or a {@link List}; {@code null} when absent.
     */
    public static Object value(Attribute<?> attribute, Session session) {
        return value(attribute, attribute.valueOf(session));
    }

    /** As {@link #value(Attribute, Session)}, for a value already read. */
    public static Object value(Attribute<?> attribute, Object v) {
        if (v == null) {
            return null;
        }
        if (attribute == StandardAttributes.ID) {
            return number((String) v);
        }
        return switch (attribute.type()) {
            case DURATION -> millis((Duration) v);
            case INSTANT -> ((Instant) v).toString();
            case SESSION_REFS -> ((List<?>) v).stream().map(id -> number((String) id)).toList();
            default -> v;
        };
    }

    /** The value as one text for CSV: the same, lists joined by spaces, empty when absent. */
    public static String text(Attribute<?> attribute, Session session) {
        Object v = value(attribute, session);
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> l) {
            return String.join(" ", l.stream().map(String::valueOf).toList());
        }
        return v instanceof BigDecimal d ? d.toPlainString() : v.toString();
    }

    /** A duration in milliseconds: whole where it is, else with the fraction the server gave (up to nanoseconds). */
    public static BigDecimal millis(Duration d) {
        BigDecimal ms = BigDecimal.valueOf(d.toNanos()).movePointLeft(6).stripTrailingZeros();
        return ms.scale() < 0 ? ms.setScale(0) : ms;
    }

    /** An id as a number where it is one (thread ids, pids), else as it is (UUIDs). */
    private static Object number(String id) {
        if (!id.isEmpty() && id.length() <= 18 && id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Long.valueOf(id);
        }
        return id;
    }
}
