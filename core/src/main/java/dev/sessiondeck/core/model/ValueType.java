package dev.sessiondeck.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What kind of value an {@link Attribute} holds, which decides how it is shown, sorted and exported.
 * Each type has one Java class for its values.
 */
public enum ValueType {
    /** Words ({@link String}); sorted without regard to case. */
    TEXT(String.class, ""),
    /** A whole number of things ({@link Long}): rows, calls, retries. */
    COUNT(Long.class, ""),
    /** A number of bytes ({@link Long}); shown in KiB, MiB, GiB, exported in bytes. */
    BYTES(Long.class, "Bytes"),
    /** A span of time ({@link Duration}); shown in seconds with decimals, exported in milliseconds. */
    DURATION(Duration.class, "Ms"),
    /** A moment ({@link Instant}); shown in local time, exported as ISO-8601. */
    INSTANT(Instant.class, ""),
    /** A share in percent, 0 to 100 ({@link Double}). */
    PERCENT(Double.class, "Percent"),
    /** Yes or no ({@link Boolean}). */
    FLAG(Boolean.class, ""),
    /**
     * Ids of other sessions of the same data source ({@link List} of {@link String}), for example
     * the sessions a waiter is blocked by.
     */
    SESSION_REFS(List.class, "");

    private final Class<?> javaType;
    private final String exportSuffix;

    ValueType(Class<?> javaType, String exportSuffix) {
        this.javaType = javaType;
        this.exportSuffix = exportSuffix;
    }

    /** The class of this type's values. */
    public Class<?> javaType() {
        return javaType;
    }

    /**
     * What an export key ends with so that the unit is in the name ({@code memoryBytes},
     * {@code cpuTimeMs}); empty where the value has no unit.
     */
    public String exportSuffix() {
        return exportSuffix;
    }

    /** True for values that read as numbers and are aligned right. */
    public boolean numeric() {
        return this == COUNT || this == BYTES || this == DURATION || this == PERCENT;
    }
}
