package dev.sessiondeck.app.session;

import dev.sessiondeck.core.filter.SessionFilter;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.transformation.FilteredList;

/**
 * The searches and toggles that filter the table: session id, the User, Source and Database Name
 * columns, View Active Sessions Only, and background sessions. Each change builds one
 * {@link SessionFilter} (shared with the command line) and applies it to the shown rows. Touched on
 * the UI thread only.
 */
final class SessionSearch {

    private final FilteredList<SessionRow> filtered;
    private final StringProperty idSearch = new SimpleStringProperty(this, "idSearch", "");
    private final StringProperty userSearch = new SimpleStringProperty(this, "userSearch", "");
    private final StringProperty sourceSearch = new SimpleStringProperty(this, "sourceSearch", "");
    private final StringProperty databaseSearch = new SimpleStringProperty(this, "databaseSearch", "");
    private final BooleanProperty activeOnly = new SimpleBooleanProperty(this, "activeOnly");
    private final BooleanProperty showBackground = new SimpleBooleanProperty(this, "showBackground");
    private final ReadOnlyBooleanWrapper refiltering = new ReadOnlyBooleanWrapper(this, "refiltering");
    private final ReadOnlyObjectWrapper<SessionFilter> filter = new ReadOnlyObjectWrapper<>(this, "filter", SessionFilter.ALL);
    /** The predicate of {@link #filtered}; null until the first filter is applied. */
    private RowFilter applied;

    /**
     * @param filtered  the list to filter
     * @param afterward runs after each change of the filter (the shown count)
     */
    SessionSearch(FilteredList<SessionRow> filtered, Runnable afterward) {
        this.filtered = filtered;
        for (StringProperty p : new StringProperty[] {idSearch, userSearch, sourceSearch, databaseSearch}) {
            p.addListener((o, a, b) -> {
                refilter();
                afterward.run();
            });
        }
        for (BooleanProperty p : new BooleanProperty[] {activeOnly, showBackground}) {
            p.addListener((o, a, b) -> {
                refilter();
                afterward.run();
            });
        }
        refilter();
    }

    StringProperty idSearch() { return idSearch; }
    StringProperty userSearch() { return userSearch; }
    StringProperty sourceSearch() { return sourceSearch; }
    StringProperty databaseSearch() { return databaseSearch; }
    BooleanProperty activeOnly() { return activeOnly; }
    BooleanProperty showBackground() { return showBackground; }
    ReadOnlyBooleanProperty refiltering() { return refiltering.getReadOnlyProperty(); }
    ReadOnlyObjectProperty<SessionFilter> filter() { return filter.getReadOnlyProperty(); }

    /** Clears every search (id, user, source, database); the toggles stay. */
    void clear() {
        idSearch.set("");
        userSearch.set("");
        sourceSearch.set("");
        databaseSearch.set("");
    }

    private void refilter() {
        SessionFilter f = SessionFilter.ALL.withUser(userSearch.get()).withSource(sourceSearch.get())
                .withDatabase(databaseSearch.get()).withActiveOnly(activeOnly.get())
                .withShowBackground(showBackground.get()).withId(SessionFilter.parseId(idSearch.get()));
        filter.set(f);
        // a character typed onto a search: a row the last filter hid stays hidden, untested
        RowFilter next = new RowFilter(f, applied != null && f.narrows(applied.filter) ? applied.number : 0);
        refiltering.set(true);
        try {
            filtered.setPredicate(next);
        } finally {
            refiltering.set(false);
        }
        applied = next;
    }

    /**
     * The filtered list's predicate: the filter's verdict on a row's plain values, remembered on the
     * row. A predicate that narrows the one before (a character typed onto a search) takes that one's
     * "hidden" without testing: only the rows shown before are tested again, in the same single pass
     * over the rows (a keystroke over 100,000 rows, docs/benchmarks.md); afterwards it tests again
     * each row a snapshot adds or changes. Invariant: every row of the sorted list carries the verdict
     * of the predicate in use.
     */
    private static final class RowFilter implements java.util.function.Predicate<SessionRow> {
        private static int made;
        final SessionFilter filter;
        /** This predicate's number, remembered by the rows it tested (1, 2, ...; rows start at 0). */
        final int number = ++made;
        /** The number of the predicate this one narrows, whose "hidden" stands; 0 for none. */
        private final int narrowed;

        RowFilter(SessionFilter filter, int narrowed) {
            this.filter = filter;
            this.narrowed = narrowed;
        }

        @Override
        public boolean test(SessionRow r) {
            // a verdict stands while the filter is this one and the row's filtered values did not
            // change: a snapshot's update range mostly holds such rows
            if (!r.filterInputsChanged) {
                if (r.verdictOf == number) {
                    return r.passes;
                }
                if (narrowed != 0 && r.verdictOf == narrowed && !r.passes) {
                    r.verdictOf = number;
                    return false;
                }
            }
            r.passes = r.test(filter);
            r.verdictOf = number;
            r.filterInputsChanged = false;
            return r.passes;
        }
    }
}
