package dev.sessiondeck.app.session;

import dev.sessiondeck.core.filter.SessionFilter;
import dev.sessiondeck.core.model.Session;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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

    private static final SessionColumn[] COLUMNS = SessionColumn.values();
    private static final int USER = SessionColumn.USER.ordinal();
    private static final int SOURCE = SessionColumn.SOURCE.ordinal();
    private static final int DATABASE = SessionColumn.DATABASE.ordinal();

    // Plain fields, with an observable made only when a visible row's cell or row asks for it: most
    // of 100,000 rows are never on screen (docs/benchmarks.md, heap).
    private Session session;
    private ReadOnlyObjectWrapper<Session> sessionObserved;
    /** The columns' values; plain, since most rows are never on screen. */
    private final Object[] values = new Object[COLUMNS.length];
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
    /** The first row of this row's group ({@link SessionGroups}); the row itself when alone. */
    private SessionRow groupHead = this;
    private ReadOnlyBooleanWrapper groupMemberObserved;
    /** The number of the last snapshot of its data source that listed this session. */
    long lastSeen;
    /** Where the last snapshot of its data source listed it. */
    int lastPosition;
    /** The verdict of the view model's filter on this row, as it last tested it. */
    boolean passes;
    /** True when a value the filter reads changed since {@link #passes} was found (or never found). */
    boolean filterInputsChanged = true;
    /** The number of the predicate that found {@link #passes} (a number: no reference store per row). */
    int verdictOf;
    /** True when the lists must be told that this row changed (set and cleared by the view model). */
    boolean pendingUpdate;
    /** True once its session ended (no longer listed) or its data source closed; it then leaves the lists. */
    boolean ended;
    /** The data source that lists it (set by the view model); null once the row ended. */
    SourceFeed feed;
    // what the filter reads besides the columns, kept on the row itself: a keystroke tests every
    // row, and each object reached on the way (session, key) is a cache miss in a shuffled table
    private final long id;
    private boolean active;
    private boolean background;
    private String user;
    private String source;
    private String database;

    SessionRow(Session session) {
        this.session = Objects.requireNonNull(session, "session");
        this.id = session.id();
        this.active = session.isActive();
        this.background = session.background();
        for (SessionColumn c : COLUMNS) {
            values[c.ordinal()] = c.valueOf(session);
        }
        keepFiltered();
    }

    /**
     * Takes the session's new values; the observables of the changed values fire (cells on screen).
     *
     * @return the columns whose value changed, as a mask of {@code 1L << column.ordinal()}; 0 for none
     */
    long update(Session next) {
        Session previous = session;
        session = next;
        active = next.isActive();
        background = next.background();
        if (sessionObserved != null) {
            sessionObserved.set(next);
        }
        if (previous.sameApartFromExecutionTime(next)) {
            // the common case: a statement or an idle spell that goes on; one value, not every column
            return set(SessionColumn.EXECUTION_TIME, SessionColumn.EXECUTION_TIME.valueOf(next));
        }
        long changed = 0;
        for (SessionColumn c : COLUMNS) {
            changed |= set(c, c.valueOf(next));
        }
        keepFiltered();
        return changed;
    }

    /** Copies the filtered columns' values into this row's own fields (one step less per row for a filter). */
    private void keepFiltered() {
        user = (String) values[USER];
        source = (String) values[SOURCE];
        database = (String) values[DATABASE];
    }

    /** Sets one column's value; its bit when it changed, else 0. */
    private long set(SessionColumn c, Object v) {
        int i = c.ordinal();
        if (Objects.equals(values[i], v)) {
            return 0;
        }
        values[i] = v;
        if (observed != null && observed[i] != null) {
            observed[i].set(v);
        }
        return 1L << i;
    }

    /**
     * The filter's verdict on this row's plain values: the same as {@code filter.test(getSession())},
     * without reaching through the session (a keystroke tests every row).
     */
    boolean test(SessionFilter filter) {
        return filter.test(id, active, background, user, source, database);
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

    /** The value of one column, as {@link SessionColumn#valueOf(Session)} gives it. */
    public Object value(SessionColumn column) {
        int i = column.ordinal();
        return observed != null && observed[i] != null ? observed[i].get() : values[i];
    }

    /** The value of one column as an observable, for a cell; made on first use. */
    @SuppressWarnings("unchecked")
    public ReadOnlyObjectProperty<Object> valueProperty(SessionColumn column) {
        if (observed == null) {
            observed = new ReadOnlyObjectWrapper[COLUMNS.length];
        }
        int i = column.ordinal();
        if (observed[i] == null) {
            observed[i] = new ReadOnlyObjectWrapper<>(this, column.id(), values[i]);
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
