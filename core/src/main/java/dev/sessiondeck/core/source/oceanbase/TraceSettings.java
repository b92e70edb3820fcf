package dev.sessiondeck.core.source.oceanbase;

import java.util.Locale;
import java.util.Objects;

/**
 * OceanBase end-to-end (full-link) tracing of one session, as {@code DBMS_MONITOR.OB_SESSION_TRACE_ENABLE}
 * takes it (OceanBase 4.2.1+; see the OceanBase manual, "DBMS_MONITOR", and
 * {@code FLTControlInfo::is_valid} in the server: level above 0, sample fraction in (0, 1]).
 *
 * @param level            how much is recorded, {@value #MIN_LEVEL} to {@value #MAX_LEVEL}
 * @param samplePercentage the share of statements sampled, in percent, above 0 and at most 100;
 *                         sent to the server as a fraction (50 % is sent as 0.5)
 * @param recordPolicy     which statements are recorded
 * @throws IllegalArgumentException when a value is out of range; the message names the bound
 */
public record TraceSettings(int level, double samplePercentage, RecordPolicy recordPolicy) {

    public static final int MIN_LEVEL = 1;
    public static final int MAX_LEVEL = 3;

    /** {@code RECORD_POLICY} values. */
    public enum RecordPolicy {
        ALL, ONLY_SLOW_QUERY, SAMPLE_AND_SLOW_QUERY;

        /** Reads the server's spelling, case-insensitively. */
        public static RecordPolicy parse(String s) {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        }
    }

    public TraceSettings {
        Objects.requireNonNull(recordPolicy, "recordPolicy");
        if (level < MIN_LEVEL || level > MAX_LEVEL) {
            throw new IllegalArgumentException("level must be between " + MIN_LEVEL + " and " + MAX_LEVEL + ", was " + level);
        }
        if (!(samplePercentage > 0 && samplePercentage <= 100)) {
            throw new IllegalArgumentException("sample percentage must be above 0 and at most 100, was " + samplePercentage);
        }
    }

    /** The sample share as the server takes it: a fraction in (0, 1]. */
    public double sampleFraction() {
        return samplePercentage / 100.0;
    }
}
