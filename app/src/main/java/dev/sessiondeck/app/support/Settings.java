package dev.sessiondeck.app.support;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    /** Where the divider after the sidebar sits, in pixels from the left; NaN until the window was once closed. */
    public double sidebarWidth = Double.NaN;

    public boolean darkTheme;

    /** The data source shown when the window closed (its name), empty for none or all. */
    public String lastDataSource = "";

    /** Auto-refresh interval in seconds, 0 for off. */
    public int refreshSeconds = 5;

    /**
     * View Active Sessions Only, as last left: kept on, the first listing after a start is already a
     * busy one ({@code SnapshotScope.BUSY}).
     */
    public boolean activeOnly;
    /** Whether background threads and server processes are shown, as last left. */
    public boolean showBackground;

    /** Execution time in seconds from which an active statement is highlighted as a warning. */
    public double warningSeconds = 1;
    /** Execution time in seconds from which an active statement is highlighted as a danger. */
    public double dangerSeconds = 10;

    /**
     * The table's columns in display order; empty for the built-in layout. The layout last shown,
     * which a data source without a layout of its own ({@link #layouts}) starts from.
     */
    public List<Column> columns = new ArrayList<>();

    /**
     * The table's sort keys, first key first, of the layout last shown. By default running sessions
     * first, the longest-running on top: what a troubleshooter looks for.
     */
    public List<SortKey> sort = new ArrayList<>(List.of(new SortKey("status", true), new SortKey("executionTime", false)));

    /**
     * The column layout and sort of each data source shown once, by its name; {@link Layout#ALL}
     * for the merged view of all data sources.
     */
    public Map<String, Layout> layouts = new LinkedHashMap<>();

    /** The columns and sort of one data source's table. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Layout {
        /** The key of the merged view's layout (no data source name is empty). */
        public static final String ALL = "";

        public List<Column> columns = new ArrayList<>();
        public List<SortKey> sort = new ArrayList<>();

        public Layout() {
        }

        public Layout(List<Column> columns, List<SortKey> sort) {
            this.columns = new ArrayList<>(columns);
            this.sort = new ArrayList<>(sort);
        }
    }

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
