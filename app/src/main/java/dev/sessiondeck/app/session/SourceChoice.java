package dev.sessiondeck.app.session;

import dev.sessiondeck.core.source.SessionSource;

/** One entry of the toolbar's data-source selector: an open data source, or {@link #ALL}. */
record SourceChoice(SessionSource source) {

    /** All data sources, merged. */
    static final SourceChoice ALL = new SourceChoice(null);

    boolean isAll() {
        return source == null;
    }
}
