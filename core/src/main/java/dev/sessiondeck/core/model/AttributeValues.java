package dev.sessiondeck.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The declared {@link Attribute} values of one session, in the order they were set. Immutable.
 * Held as two small parallel arrays rather than a map: a session carries a handful to a few dozen
 * values, found faster by a scan than by hashing, and 100,000 sessions take less memory.
 * Equality is from the data: the same attributes with equal values, in the same order.
 */
public final class AttributeValues {

    /** No values. */
    public static final AttributeValues NONE = new AttributeValues(new Attribute<?>[0], new Object[0]);

    private final Attribute<?>[] attributes;
    private final Object[] values;

    private AttributeValues(Attribute<?>[] attributes, Object[] values) {
        this.attributes = attributes;
        this.values = values;
    }

    /** The value of {@code attribute}, {@code null} when absent. */
    public Object get(Attribute<?> attribute) {
        for (int i = 0; i < attributes.length; i++) {
            if (attributes[i] == attribute) {
                return values[i];
            }
        }
        return null;
    }

    /** How many values are present. */
    public int size() {
        return attributes.length;
    }

    public boolean isEmpty() {
        return attributes.length == 0;
    }

    /** The attributes that have a value, in the order they were set. */
    public List<Attribute<?>> attributes() {
        return List.of(attributes);
    }

    /** Hands each attribute and its value to {@code action}, in the order they were set. */
    public void forEach(BiConsumer<Attribute<?>, Object> action) {
        for (int i = 0; i < attributes.length; i++) {
            action.accept(attributes[i], values[i]);
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof AttributeValues a && Arrays.equals(attributes, a.attributes)
                && Arrays.equals(values, a.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(attributes) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < attributes.length; i++) {
            b.append(i == 0 ? "" : ", ").append(attributes[i].id()).append('=').append(values[i]);
        }
        return b.append('}').toString();
    }

    /** Collects values; setting an attribute again replaces its value, {@code null} removes it. */
    public static final class Builder {
        // two parallel arrays and a count, searched by identity as get() does (Attribute has no equals of
        // its own): a listing builds one per row, and ArrayList.indexOf with its equals calls and the copies
        // of toArray were a quarter of PostgreSQL's mapping of a row (docs/benchmarks.md, tenth session)
        private Attribute<?>[] attributes;
        private Object[] values;
        private int size;

        public Builder() {
            attributes = new Attribute<?>[8];
            values = new Object[8];
        }

        /** Seeded with {@code from}'s values. */
        public Builder(AttributeValues from) {
            int capacity = Math.max(8, from.attributes.length + 4);
            attributes = Arrays.copyOf(from.attributes, capacity);
            values = Arrays.copyOf(from.values, capacity);
            size = from.attributes.length;
        }

        /**
         * Sets a value; {@code null} (or an empty text or list) makes it absent.
         *
         * @throws IllegalArgumentException when the value is not of the attribute's {@link ValueType}
         */
        public <T> Builder set(Attribute<T> attribute, T value) {
            Objects.requireNonNull(attribute, "attribute");
            Object v = value;
            if (v instanceof String s && s.isEmpty() || v instanceof List<?> l && l.isEmpty()) {
                v = null;
            }
            if (v instanceof List<?> l) {
                v = List.copyOf(l);
            }
            if (v != null && !attribute.type().javaType().isInstance(v)) {
                throw new IllegalArgumentException(attribute.id() + " takes " + attribute.type() + " values, not "
                        + v.getClass().getSimpleName());
            }
            if (attribute.common()) {
                throw new IllegalArgumentException(attribute.id() + " is a common value of the session, not a declared one");
            }
            int i = indexOf(attribute);
            if (i >= 0) {
                if (v == null) {
                    int after = size - i - 1;
                    System.arraycopy(attributes, i + 1, attributes, i, after);
                    System.arraycopy(values, i + 1, values, i, after);
                    size--;
                    attributes[size] = null;
                    values[size] = null;
                } else {
                    values[i] = v;
                }
            } else if (v != null) {
                if (size == attributes.length) {
                    attributes = Arrays.copyOf(attributes, size * 2);
                    values = Arrays.copyOf(values, size * 2);
                }
                attributes[size] = attribute;
                values[size] = v;
                size++;
            }
            return this;
        }

        private int indexOf(Attribute<?> attribute) {
            for (int i = 0; i < size; i++) {
                if (attributes[i] == attribute) {
                    return i;
                }
            }
            return -1;
        }

        public AttributeValues build() {
            return size == 0 ? NONE : new AttributeValues(Arrays.copyOf(attributes, size), Arrays.copyOf(values, size));
        }
    }
}
