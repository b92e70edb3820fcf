package dev.sessiondeck.app.support;

import dev.sessiondeck.core.model.Attribute;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * An attribute's value as a person reads it, in the window and the command line's table: seconds
 * with three decimals, bytes in KiB, MiB and GiB, counts with thousands separators, moments in local
 * time, yes or no. Exports use the exact values instead ({@code dev.sessiondeck.core.model.Exports}).
 */
public final class ValueText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ThreadLocal<NumberFormat> SECONDS = ThreadLocal.withInitial(() -> new DecimalFormat("0.000"));
    private static final ThreadLocal<NumberFormat> GROUPED = ThreadLocal.withInitial(() -> new DecimalFormat("#,##0"));
    private static final ThreadLocal<NumberFormat> ONE_DECIMAL = ThreadLocal.withInitial(() -> new DecimalFormat("#,##0.0"));
    private static final ThreadLocal<NumberFormat> PERCENT = ThreadLocal.withInitial(() -> new DecimalFormat("0.0"));
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private ValueText() {
    }

    /**
     * A value of {@code attribute} as a person reads it; empty for none. Text is shown as it is (the
     * table's SQL cells shorten it themselves).
     */
    public static String of(Attribute<?> attribute, Object value) {
        if (value == null) {
            return "";
        }
        return switch (attribute.type()) {
            case COUNT -> GROUPED.get().format(value);
            case BYTES -> bytes((Long) value);
            case DURATION -> SECONDS.get().format(((Duration) value).toNanos() / 1e9);
            case INSTANT -> TIME.format(((Instant) value).atZone(ZoneId.systemDefault()));
            case PERCENT -> PERCENT.get().format(value);
            case FLAG -> Messages.get((Boolean) value ? "value.yes" : "value.no");
            default -> value.toString();
        };
    }

    /** "512 B", "1.5 KiB", "23.4 MiB": binary units, one decimal from KiB on. */
    public static String bytes(long n) {
        if (Math.abs(n) < 1024) {
            return n + " B";
        }
        double v = n;
        int unit = -1;
        while (Math.abs(v) >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return ONE_DECIMAL.get().format(v) + " " + UNITS[unit];
    }
}
