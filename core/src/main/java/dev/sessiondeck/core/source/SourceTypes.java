package dev.sessiondeck.core.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The kinds of data source this build knows, in their {@link SourceType#order() order}. Immutable.
 */
public final class SourceTypes {

    private static volatile SourceTypes installed;

    private final List<SourceType> types;

    /** With the given types; ids must be distinct (case aside). */
    public SourceTypes(List<SourceType> types) {
        List<SourceType> sorted = new ArrayList<>(types);
        sorted.sort(Comparator.comparingInt(SourceType::order).thenComparing(SourceType::id));
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                if (sorted.get(i).id().equalsIgnoreCase(sorted.get(j).id())) {
                    throw new IllegalArgumentException("two data-source types are named '" + sorted.get(i).id() + "'");
                }
            }
        }
        this.types = List.copyOf(sorted);
    }

    /** Every type found by {@link ServiceLoader} on the class path; looked up once. */
    public static SourceTypes installed() {
        SourceTypes t = installed;
        if (t == null) {
            List<SourceType> found = new ArrayList<>();
            ServiceLoader.load(SourceType.class, SourceTypes.class.getClassLoader()).forEach(found::add);
            t = new SourceTypes(found);
            installed = t;
        }
        return t;
    }

    /** The types in their order. */
    public List<SourceType> all() {
        return types;
    }

    /** The type with this id, case aside. */
    public Optional<SourceType> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        return types.stream().filter(t -> t.id().equals(wanted)).findFirst();
    }

    /**
     * The type with this id.
     *
     * @throws IllegalArgumentException naming the known ids when there is none
     */
    public SourceType require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown data-source type '" + id + "': one of "
                + types.stream().map(SourceType::id).collect(Collectors.joining(", "))));
    }

    /** The first type that claims {@code jdbc:<scheme>://}. */
    public Optional<SourceType> forJdbcScheme(String scheme) {
        String s = scheme.toLowerCase(Locale.ROOT);
        return types.stream().filter(t -> t.jdbcSchemes().contains(s)).findFirst();
    }
}
