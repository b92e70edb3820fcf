package dev.sessiondeck.app.session;

import dev.sessiondeck.core.filter.SessionFilter;
import dev.sessiondeck.core.model.Session;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One session in the table. The row lives as long as its session: each snapshot updates its
 * properties in place (only those whose value changed fire), so that cells, selection and focus
 * stay where they are.
 */
public final class SessionRow {

    /** How a row is highlighted for the execution time of its statement. */
    public enum Highlight { NONE, WARNING, DANGER }


    // Plain fields, with an observable made only when a visible row's cell or row asks for it: most
    // of 100,000 rows are never on screen (docs/benchmarks.md, heap).
    private Session session;
    private ReadOnlyObjectWrapper<Session> sessionObserved;
    /**
     * The columns' values by {@link SessionColumn#index()}; plain, since most rows are never on
     * screen. Columns made after the row have no slot until its next full update: their values are
     * absent (a data source fills only the attributes it declares, and those are columns before its
     * first row).
     */
    private Object[] values;
    /**
     * Observable values, made only for the columns a cell has asked for (rows on screen): 100,000
     * rows with a property per column took about 1.8 KiB each (docs/benchmarks.md).
     */
    private ReadOnlyObjectWrapper<Object>[] observed;
    private Highlight highlight = Highlight.NONE;
    private ReadOnlyObjectWrapper<Highlight> highlightObserved;
    private boolean fresh;
    private ReadOnlyBooleanWrapper freshObserved;
    private String staleReason = "";
    private ReadOnlyStringWrapper staleReasonObserved;
    /** How many sessions this one holds up as a root blocker ({@link BlockingModel}); 0 for none. */
    private int holdsUp;
    private ReadOnlyIntegerWrapper holdsUpObserved;
    /** The first row of this row's group ({@link SessionGroups}); the row itself when alone. */
    private SessionRow groupHead = this;
    private ReadOnlyBooleanWrapper groupMemberObserved;
    /** The number of the last snapshot of its data source that listed this session. */
    long lastSeen;
    /** The verdict of the view model's filter on this row, as it last tested it. */
    boolean passes;
    /** True when a value the filter reads changed since {@link #passes} was found (or never found). */
    boolean filterInputsChanged = true;
    /** The number of the predicate that found {@link #passes} (a number: no reference store per row). */
    int verdictOf;
    /** True when the lists must be told that this row changed (set and cleared by the view model). */
    boolean pendingUpdate;
    /** Marks the row while {@link SortedRows} takes out or places a batch of rows; false between. */
    boolean leaving;
    /** Where {@link SortedRows} last placed the row, while it sorts. */
    int place;
    /** True once its session ended (no longer listed) or its data source closed; it then leaves the lists. */
    boolean ended;
    /** The data source that lists it (set by the view model); null once the row ended. */
    SourceFeed feed;
    // what the filter reads besides the columns, kept on the row itself: a keystroke tests every
    // row, and each object reached on the way (session, key) is a cache miss in a shuffled table
    private final String id;
    private boolean active;
    private boolean background;
    private String user;
    private String source;
    private String database;
    /** The session number and database id where the source has them (1C), else null. */
    private String number;
    private String databaseId;

    SessionRow(Session session) {
        this(session, null, List.of());
    }

    /**
     * A row whose columns' values were worked out already ({@code all}, by index, for {@code columns};
     * {@link SnapshotDiff}), kept as they are; with other columns known since (or none given), the
     * session's own values.
     */
    SessionRow(Session session, Object[] all, List<SessionColumn> columns) {
        this.session = Objects.requireNonNull(session, "session");
        this.id = session.id();
        this.active = session.isActive();
        this.background = session.background();
        List<SessionColumn> known = SessionColumn.all();
        if (all != null && columns.size() == known.size()) {
            this.values = all;
        } else {
            this.values = new Object[known.size()];
            for (SessionColumn c : known) {
                values[c.index()] = c.valueOf(session);
            }
        }
        keepFiltered();
    }

    /** What {@link #update} changed. */
    enum Change {
        /** Nothing. */
        NONE,
        /** Values that can only move the row in the sort order (times, counters, SQL). */
        VALUES,
        /** A value the filters or the groups read ({@link SessionColumn#filteredOrGrouped()}). */
        FILTERED_OR_GROUPED
    }

    /**
     * Takes the session's new values; the observables of the changed values fire (cells on screen).
     */
    Change update(Session next) {
        if (session.sameApartFromExecutionTime(next)) {
            // the common case: a statement or an idle spell that goes on; one value, not every column
            return updateTime(next, SessionColumn.EXECUTION_TIME.valueOf(next));
        }
        List<SessionColumn> columns = SessionColumn.all();
        Object[] all = new Object[columns.size()];
        for (SessionColumn c : columns) {
            all[c.index()] = c.valueOf(next);
        }
        return updateAll(next, all, columns);
    }

    /**
     * Takes a session that differs from this row's only in its execution time, whose column's value
     * ({@link SessionColumn#valueOf}) is {@code time}, worked out already ({@link SnapshotDiff}).
     */
    Change updateTime(Session next, Object time) {
        // state and background are the same: no need to read them from the new session
        session = next;
        if (sessionObserved != null) {
            sessionObserved.set(next);
        }
        return set(SessionColumn.EXECUTION_TIME, time) ? Change.VALUES : Change.NONE;
    }

    /**
     * Takes the session's new values, every column's worked out already ({@code all}, by index, for
     * {@code columns}); with more columns known since, the session's own values.
     */
    Change updateAll(Session next, Object[] all, List<SessionColumn> columns) {
        if (columns.size() != SessionColumn.all().size()) {
            return update(next);
        }
        take(next);
        if (values.length < columns.size()) {
            values = java.util.Arrays.copyOf(values, columns.size());
        }
        Change changed = Change.NONE;
        boolean filteredValues = false;
        for (SessionColumn c : columns) {
            if (set(c, all[c.index()])) {
                changed = c.filteredOrGrouped() ? Change.FILTERED_OR_GROUPED
                        : changed == Change.NONE ? Change.VALUES : changed;
                filteredValues |= c.keptFiltered();
            }
        }
        // a third of the rows change state on a refresh, not what the row keeps for the filter: its
        // values are read again only when one changed (each read of an attribute scans the
        // session's attributes: 8 % of the apply's JavaFX-thread samples, docs/benchmarks.md)
        if (filteredValues) {
            keepFiltered();
        }
        return changed;
    }

    private void take(Session next) {
        session = next;
        active = next.isActive();
        background = next.background();
        if (sessionObserved != null) {
            sessionObserved.set(next);
        }
    }

    /** Copies the filtered columns' values into this row's own fields (one step less per row for a filter). */
    private void keepFiltered() {
        user = session.user().orElse(null);
        source = session.source().orElse(null);
        database = session.database().orElse(null);
        number = SessionFilter.number(session);
        databaseId = SessionFilter.databaseId(session);
    }

    /** Sets one column's value; true when it changed. */
    private boolean set(SessionColumn c, Object v) {
        int i = c.index();
        if (Objects.equals(values[i], v)) {
            return false;
        }
        values[i] = v;
        if (observed != null && i < observed.length && observed[i] != null) {
            observed[i].set(v);
        }
        return true;
    }

    /**
     * The filter's verdict on this row's plain values: the same as {@code filter.test(getSession())},
     * without reaching through the session (a keystroke tests every row).
     */
    boolean test(SessionFilter filter) {
        return filter.test(id, number, active, background, user, source, database, databaseId);
    }

    /** The session, from the plain field (the same as {@link #getSession()}; for the view model's passes). */
    Session session() {
        return session;
    }

    /** The session as the last snapshot saw it. */
    // Why the getters read an observable once it exists: it fires invalidation only after a get()
    // since the last change, and listeners (the table rows) rely on the getters for that.
    public Session getSession() {
        return sessionObserved != null ? sessionObserved.get() : session;
    }

    public ReadOnlyObjectProperty<Session> sessionProperty() {
        if (sessionObserved == null) {
            sessionObserved = new ReadOnlyObjectWrapper<>(this, "session", session);
        }
        return sessionObserved.getReadOnlyProperty();
    }

    /** The value of one column, as {@link SessionColumn#valueOf(Session)} gives it; {@code null} when absent. */
    public Object value(SessionColumn column) {
        int i = column.index();
        if (observed != null && i < observed.length && observed[i] != null) {
            return observed[i].get();
        }
        return i < values.length ? values[i] : null;
    }

    /** The value of one column as an observable, for a cell; made on first use. */
    @SuppressWarnings("unchecked")
    public ReadOnlyObjectProperty<Object> valueProperty(SessionColumn column) {
        int i = column.index();
        if (observed == null || observed.length <= i) {
            observed = observed == null ? new ReadOnlyObjectWrapper[Math.max(values.length, i + 1)]
                    : java.util.Arrays.copyOf(observed, Math.max(values.length, i + 1));
        }
        if (observed[i] == null) {
            observed[i] = new ReadOnlyObjectWrapper<>(this, column.id(), i < values.length ? values[i] : null);
        }
        return observed[i].getReadOnlyProperty();
    }

    public Highlight getHighlight() {
        return highlightObserved != null ? highlightObserved.get() : highlight;
    }

    public ReadOnlyObjectProperty<Highlight> highlightProperty() {
        if (highlightObserved == null) {
            highlightObserved = new ReadOnlyObjectWrapper<>(this, "highlight", highlight);
        }
        return highlightObserved.getReadOnlyProperty();
    }

    void setHighlight(Highlight h) {
        highlight = h;
        if (highlightObserved != null) {
            highlightObserved.set(h);
        }
    }

    /** True for a short while after the row appeared in a refresh (not in the first one). */
    public boolean isFresh() {
        return freshObserved != null ? freshObserved.get() : fresh;
    }

    public ReadOnlyBooleanProperty freshProperty() {
        if (freshObserved == null) {
            freshObserved = new ReadOnlyBooleanWrapper(this, "fresh", fresh);
        }
        return freshObserved.getReadOnlyProperty();
    }

    void setFresh(boolean v) {
        fresh = v;
        if (freshObserved != null) {
            freshObserved.set(v);
        }
    }

    /**
     * Why this row may be out of date (its data source's last refresh failed, worded for a person);
     * empty while its data source answers.
     */
    public ReadOnlyStringProperty staleReasonProperty() {
        if (staleReasonObserved == null) {
            staleReasonObserved = new ReadOnlyStringWrapper(this, "staleReason", staleReason);
        }
        return staleReasonObserved.getReadOnlyProperty();
    }

    public boolean isStale() {
        return !(staleReasonObserved != null ? staleReasonObserved.get() : staleReason).isEmpty();
    }

    void setStaleReason(String reason) {
        staleReason = reason;
        if (staleReasonObserved != null) {
            staleReasonObserved.set(reason);
        }
    }

    /** How many sessions this one holds up as a root blocker: it waits for nobody; 0 for a session that is no root. */
    public int getHoldsUp() {
        return holdsUpObserved != null ? holdsUpObserved.get() : holdsUp;
    }

    public ReadOnlyIntegerProperty holdsUpProperty() {
        if (holdsUpObserved == null) {
            holdsUpObserved = new ReadOnlyIntegerWrapper(this, "holdsUp", holdsUp);
        }
        return holdsUpObserved.getReadOnlyProperty();
    }

    void setHoldsUp(int n) {
        holdsUp = n;
        if (holdsUpObserved != null) {
            holdsUpObserved.set(n);
        }
    }

    SessionRow groupHead() {
        return groupHead;
    }

    void setGroupHead(SessionRow head) {
        groupHead = Objects.requireNonNull(head, "head");
        if (groupMemberObserved != null) {
            groupMemberObserved.set(head != this);
        }
    }

    /** True for a row listed under another of its group: the same id on another OBServer, a parallel worker. */
    public ReadOnlyBooleanProperty groupMemberProperty() {
        if (groupMemberObserved == null) {
            groupMemberObserved = new ReadOnlyBooleanWrapper(this, "groupMember", groupHead != this);
        }
        return groupMemberObserved.getReadOnlyProperty();
    }

    /** Shortcut for {@code getSession().own()}: SessionDeck's own monitoring connection. */
    public boolean isOwn() {
        return getSession().own();
    }

    /** Shortcut for {@code getSession().isActive()}. */
    public boolean isActive() {
        return getSession().isActive();
    }

    @Override
    public String toString() {
        return "SessionRow[" + getSession().key() + "]";
    }
}
