package dev.sessiondeck.core.model;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A value a session can carry, declared once by the kind of data source that fills it: the table's
 * columns, the column chooser, the details, the copies and the command line's output are all built
 * from these declarations, so a new kind of data source never edits the window.
 *
 * <p>Attributes are compared by identity: declare each once, as a constant. Several kinds of data
 * source share one attribute where they mean the same thing ({@link StandardAttributes}), so that
 * the merged view shows one column for it.
 *
 * @param <T> the class of its values, as {@link #type()} says
 */
public final class Attribute<T> {

    private final String id;
    private final Text title;
    private final ValueType type;
    private final boolean shownByDefault;
    private final int order;
    private final String category;
    private final String exportKey;
    private final Function<Session, T> reader;

    private Attribute(Builder<T> b) {
        this.id = requireId(b.id);
        this.title = Objects.requireNonNull(b.title, "title");
        this.type = Objects.requireNonNull(b.type, "type");
        this.shownByDefault = b.shownByDefault;
        this.order = b.order;
        this.category = b.category == null ? "" : b.category;
        this.exportKey = b.exportKey == null ? id + type.exportSuffix() : b.exportKey;
        this.reader = b.reader;
    }

    private static String requireId(String id) {
        if (id == null || !id.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("an attribute id is camelCase letters and digits, not '" + id + "'");
        }
        return id;
    }

    /**
     * The stable id: settings files keep column layouts by it, node ids ({@code column-<id>}) and
     * tests find it by it. Never change an id once released.
     */
    public String id() {
        return id;
    }

    /** The column's title, e.g. "Memory". */
    public Text title() {
        return title;
    }

    public ValueType type() {
        return type;
    }

    /** True when the table shows it until the user hides it (where the data source fills it). */
    public boolean shownByDefault() {
        return shownByDefault;
    }

    /**
     * Where it stands among the columns, lower first: the common columns use 10 to 100 in steps of
     * 10 in the order of the OCP session page; a source's own columns fit in between or after.
     */
    public int order() {
        return order;
    }

    /** A heading for the column chooser ("Performance", "Locks"), empty for none. */
    public String category() {
        return category;
    }

    /**
     * The name in JSON and CSV exports: the id with the unit ({@code memoryBytes}, {@code cpuTimeMs}),
     * unless declared otherwise.
     */
    public String exportKey() {
        return exportKey;
    }

    /** True when its values read as numbers: aligned right, sorted as numbers. */
    public boolean numeric() {
        return type.numeric();
    }

    /**
     * This attribute's value in {@code session}, {@code null} when absent: a common value read from
     * the session itself ({@link StandardAttributes#ID}, {@link StandardAttributes#USER} ...) or one
     * of its declared {@link Session#attributes() attributes}.
     */
    @SuppressWarnings("unchecked")
    public T valueOf(Session session) {
        return reader != null ? reader.apply(session) : (T) session.attributes().get(this);
    }

    /** The same as {@link #valueOf(Session)}, as an optional. */
    public Optional<T> in(Session session) {
        return Optional.ofNullable(valueOf(session));
    }

    /** True for an attribute read from the session's common values rather than its declared ones. */
    public boolean common() {
        return reader != null;
    }

    @Override
    public String toString() {
        return "Attribute[" + id + ", " + type + "]";
    }

    /** Starts a declaration. */
    public static <T> Builder<T> of(String id, Class<T> javaType, ValueType type, Text title) {
        if (!type.javaType().isAssignableFrom(javaType)) {
            throw new IllegalArgumentException(type + " values are " + type.javaType().getSimpleName() + ", not " + javaType.getSimpleName());
        }
        return new Builder<>(id, type, title);
    }

    /** A text attribute. */
    public static Builder<String> text(String id, Text title) {
        return new Builder<>(id, ValueType.TEXT, title);
    }

    /** A count. */
    public static Builder<Long> count(String id, Text title) {
        return new Builder<>(id, ValueType.COUNT, title);
    }

    /** A number of bytes. */
    public static Builder<Long> bytes(String id, Text title) {
        return new Builder<>(id, ValueType.BYTES, title);
    }

    /** A span of time. */
    public static Builder<java.time.Duration> duration(String id, Text title) {
        return new Builder<>(id, ValueType.DURATION, title);
    }

    /** A moment. */
    public static Builder<java.time.Instant> instant(String id, Text title) {
        return new Builder<>(id, ValueType.INSTANT, title);
    }

    /** A percentage, 0 to 100. */
    public static Builder<Double> percent(String id, Text title) {
        return new Builder<>(id, ValueType.PERCENT, title);
    }

    /** Yes or no. */
    public static Builder<Boolean> flag(String id, Text title) {
        return new Builder<>(id, ValueType.FLAG, title);
    }

    /** Ids of other sessions of the same data source. */
    public static Builder<java.util.List<String>> sessionRefs(String id, Text title) {
        return new Builder<>(id, ValueType.SESSION_REFS, title);
    }

    /** Collects a declaration; {@link #build()} checks it. */
    public static final class Builder<T> {
        private final String id;
        private final ValueType type;
        private final Text title;
        private boolean shownByDefault;
        private int order = 1000;
        private String category;
        private String exportKey;
        private Function<Session, T> reader;

        private Builder(String id, ValueType type, Text title) {
            this.id = id;
            this.type = type;
            this.title = title;
        }

        /** Shown in the table until the user hides it. */
        public Builder<T> shown() {
            shownByDefault = true;
            return this;
        }

        public Builder<T> order(int v) {
            order = v;
            return this;
        }

        public Builder<T> category(String v) {
            category = v;
            return this;
        }

        /** An export name other than the id with its unit (kept from an earlier release). */
        public Builder<T> exportKey(String v) {
            exportKey = v;
            return this;
        }

        /** Reads the value from the session's common values (core use only). */
        Builder<T> reader(Function<Session, T> v) {
            reader = v;
            return this;
        }

        /** @throws IllegalArgumentException when the id is not camelCase letters and digits */
        public Attribute<T> build() {
            return new Attribute<>(this);
        }
    }
}
