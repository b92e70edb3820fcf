package dev.sessiondeck.app.support;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * What the window remembers between runs, stored as JSON by {@link SettingsStore}. Plain fields for
 * Jackson; unknown fields in the file are ignored, missing ones keep these defaults.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Settings {

    /** Window position and size in pixels; NaN until the window was once closed. */
    public double windowX = Double.NaN;
    public double windowY = Double.NaN;
    public double windowWidth = 1280;
    public double windowHeight = 800;
    public boolean maximized;

    public boolean darkTheme;

    /** The data source shown when the window closed (its name), empty for none or all. */
    public String lastDataSource = "";

    /** Auto-refresh interval in seconds, 0 for off. */
    public int refreshSeconds = 5;

    /** Execution time in seconds from which an active statement is highlighted as a warning. */
    public double warningSeconds = 1;
    /** Execution time in seconds from which an active statement is highlighted as a danger. */
    public double dangerSeconds = 10;

    /** The table's columns in display order; empty for the built-in layout. */
    public List<Column> columns = new ArrayList<>();

    /** The table's sort keys, first key first; by default the longest-running statements first. */
    /** Running sessions first, the longest-running on top: what a troubleshooter looks for. */
    public List<SortKey> sort = new ArrayList<>(List.of(new SortKey("status", true), new SortKey("executionTime", false)));

    /** One column of the table: its stable id, width in pixels and visibility. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Column {
        public String id;
        public double width;
        public boolean visible = true;

        public Column() {
        }

        public Column(String id, double width, boolean visible) {
            this.id = id;
            this.width = width;
            this.visible = visible;
        }
    }

    /** One sort key: a column id and its direction. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class SortKey {
        public String id;
        public boolean ascending = true;

        public SortKey() {
        }

        public SortKey(String id, boolean ascending) {
            this.id = id;
            this.ascending = ascending;
        }
    }
}
