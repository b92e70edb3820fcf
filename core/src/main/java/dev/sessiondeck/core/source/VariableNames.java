package dev.sessiondeck.core.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What every kind of server's variables share: pinning, name checks, values written as numbers. */
public final class VariableNames {

    private VariableNames() {
    }

    /** {@code all} with the {@code important} ones first, in that order, then the rest by name. */
    public static List<Variable> pinnedFirst(List<Variable> all, List<String> important) {
        Map<String, Variable> byName = all.stream().collect(Collectors.toMap(
                v -> v.name().toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));
        List<Variable> out = new ArrayList<>();
        for (String name : important) {
            Variable v = byName.get(name.toLowerCase(Locale.ROOT));
            if (v != null) {
                out.add(v);
            }
        }
        all.stream().filter(v -> !out.contains(v)).sorted(Comparator.comparing(Variable::name)).forEach(out::add);
        return out;
    }

    /**
     * The listed variable of that name (case-insensitive): the only names ever written into SQL.
     *
     * @throws SourceException {@code REFUSED} when the server listed none of that name
     */
    public static Variable require(List<Variable> listed, String name, String where) throws SourceException {
        Optional<Variable> v = listed.stream().filter(x -> x.name().equalsIgnoreCase(name)).findFirst();
        if (v.isEmpty() || !v.get().name().matches("[A-Za-z0-9_.]+")) {
            throw new SourceException(SourceException.Kind.REFUSED, SourceText.of("failure.noVariable", where, name));
        }
        return v.get();
    }

    /** True for a plain decimal number ({@code 600}, {@code -1}, {@code 0.5}), which SQL may take as a number. */
    public static boolean isNumber(String value) {
        return value != null && value.matches("-?\\d{1,30}(\\.\\d{1,30})?");
    }
}
