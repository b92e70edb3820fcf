package dev.sessiondeck.app.session;

import dev.sessiondeck.app.support.ValueText;
import dev.sessiondeck.core.model.Attribute;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.StandardAttributes;
import dev.sessiondeck.core.model.ValueType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One column of the session table, made from an {@link Attribute} declaration: the common values of
 * every session first ({@link StandardAttributes#COMMON}), then every attribute a connected data
 * source declares, each once, in the order they became known. The window never names a database:
 * a new kind of data source brings its columns with its declarations.
 *
 * <p>Columns are known process-wide and only added ({@link #of(Attribute)}); each has a fixed
 * {@link #index()}, the slot of its value in every {@link SessionRow}. Where a column stands in the
 * table is {@link Attribute#order()}, not the index.
 */
public final class SessionColumn {

    private static final Map<Attribute<?>, SessionColumn> BY_ATTRIBUTE = new IdentityHashMap<>();
    private static final List<SessionColumn> ALL = new ArrayList<>();
    /** {@link #ALL} as an immutable list, made anew when a column is added: rows read it on every full update. */
    private static volatile List<SessionColumn> known = List.of();
    private static final List<Consumer<SessionColumn>> LISTENERS = new CopyOnWriteArrayList<>();

    public static final SessionColumn DATA_SOURCE = of(StandardAttributes.DATA_SOURCE);
    public static final SessionColumn ID = of(StandardAttributes.ID);
    public static final SessionColumn SQL = of(StandardAttributes.SQL);
    public static final SessionColumn USER = of(StandardAttributes.USER);
    public static final SessionColumn SOURCE = of(StandardAttributes.SOURCE);
    public static final SessionColumn DATABASE = of(StandardAttributes.DATABASE);
    public static final SessionColumn COMMAND = of(StandardAttributes.COMMAND);
    public static final SessionColumn EXECUTION_TIME = of(StandardAttributes.EXECUTION_TIME);
    public static final SessionColumn STATUS = of(StandardAttributes.STATUS);
    /** The parallel leader: it decides groups ({@link SessionGroups}), so it is filtered-or-grouped. */
    public static final SessionColumn LEADER_ID = of(StandardAttributes.LEADER_ID);

    private final Attribute<?> attribute;
    private final int index;

    private SessionColumn(Attribute<?> attribute, int index) {
        this.attribute = attribute;
        this.index = index;
    }

    /**
     * The column of {@code attribute}, made on first use. Listeners of {@link #onAdded} hear each new
     * one. Called on the JavaFX thread (or, in tests without a window, on one thread).
     *
     * @throws IllegalArgumentException when another attribute was declared with the same id
     */
    public static synchronized SessionColumn of(Attribute<?> attribute) {
        SessionColumn c = BY_ATTRIBUTE.get(Objects.requireNonNull(attribute, "attribute"));
        if (c == null) {
            for (SessionColumn other : ALL) {
                if (other.id().equals(attribute.id())) {
                    // settings, node ids and exports find a column by its id: two attributes must not share one
                    throw new IllegalArgumentException("two attributes are declared with the id '" + attribute.id()
                            + "': " + other.attribute + " and " + attribute);
                }
            }
            c = new SessionColumn(attribute, ALL.size());
            BY_ATTRIBUTE.put(attribute, c);
            ALL.add(c);
            known = List.copyOf(ALL);
            for (Consumer<SessionColumn> l : LISTENERS) {
                l.accept(c);
            }
        }
        return c;
    }

    /** Every column known so far, in the order they became known. */
    public static List<SessionColumn> all() {
        return known;
    }

    /** The column with this id, if known. */
    public static java.util.Optional<SessionColumn> byId(String id) {
        return known.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Tells {@code listener} of every column made from now on. */
    static void onAdded(Consumer<SessionColumn> listener) {
        LISTENERS.add(listener);
    }

    static void removeListener(Consumer<SessionColumn> listener) {
        LISTENERS.remove(listener);
    }

    public Attribute<?> attribute() {
        return attribute;
    }

    /** The attribute's stable id: settings, node ids ({@code column-<id>}) and tests use it. */
    public String id() {
        return attribute.id();
    }

    /** The slot of this column's value in a row. */
    int index() {
        return index;
    }

    /** True for the columns of every session's common values (always applicable). */
    public boolean common() {
        return attribute.common();
    }

    /**
     * True when a change of this column can change whether a row passes the filters
     * ({@code SessionFilter}: id or number, user, source, database or its id, state) or which group it belongs to
     * ({@link SessionGroups}: data source, id, leader). A change elsewhere (times, counters, SQL)
     * can only move a row in the sort order, which the view model checks on its own.
     */
    boolean filteredOrGrouped() {
        return this == DATA_SOURCE || this == ID || this == USER || this == SOURCE || this == DATABASE
                || this == STATUS || this == LEADER_ID || attribute == StandardAttributes.SESSION_NUMBER
                || attribute == StandardAttributes.DATABASE_ID;
    }

    /**
     * True for the columns whose values a row keeps apart for the filters (user, source, database,
     * session number, database id): a row whose change left all of them alone keeps those it has.
     */
    boolean keptFiltered() {
        return this == USER || this == SOURCE || this == DATABASE || attribute == StandardAttributes.SESSION_NUMBER
                || attribute == StandardAttributes.DATABASE_ID;
    }

    /** Default width in pixels, from the value type and the common columns' habits. */
    public double width() {
        if (this == SQL) {
            return 310;
        }
        if (this == SOURCE || this == DATABASE || this == EXECUTION_TIME || this == STATUS) {
            return this == EXECUTION_TIME ? 175 : 160;
        }
        return switch (attribute.type()) {
            case INSTANT -> 150;
            case TEXT -> 125;
            case FLAG -> 80;
            default -> 110;
        };
    }

    /**
     * The value a cell shows and the table sorts by, plain, {@code null} when absent: the attribute's
     * value, except that a text of digits only is held as a {@link Long} (ids sort as numbers), a
     * list of session ids as one text, and the SQL of a session whose statement the user may not see
     * as the server's words for that ({@link StandardAttributes#SQL_UNAVAILABLE}).
     */
    @SuppressWarnings("unchecked")
    Object valueOf(Session session) {
        Object v = attribute.valueOf(session);
        if (v == null) {
            return this == SQL ? StandardAttributes.SQL_UNAVAILABLE.valueOf(session) : null;
        }
        if (attribute.type() == ValueType.SESSION_REFS) {
            return String.join(", ", (List<String>) v);
        }
        if (v instanceof String s && attribute.type() == ValueType.TEXT && this != SQL) {
            return digits(s) ? Long.valueOf(s) : s;
        }
        return v;
    }

    /** Up to 18 digits: a whole number that fits a long. */
    private static boolean digits(String s) {
        int n = s.length();
        if (n == 0 || n > 18) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A value of this column as its cell shows it: the SQL on one line, the rest as {@link ValueText} words it. */
    String text(Object value) {
        return this == SQL && value != null ? SqlText.preview((String) value) : ValueText.of(attribute, value);
    }

    @Override
    public String toString() {
        return "SessionColumn[" + id() + "]";
    }
}
