package dev.sessiondeck.core.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a person types or picks, declared by a kind of data source: a connection setting (the
 * path to a client program, a cluster) or a parameter of an action (a message to the user, a trace
 * level). The data-source dialog, an action's dialog and the command line's options are built from
 * these declarations, and {@link #check(String)} is the one validation they all use.
 *
 * @param id        stable id: the key in a profile's options and in an action's parameters
 * @param label     the field's label
 * @param kind      what it takes
 * @param required  true when it may not be left empty
 * @param initial   the value a new form starts with, empty for none
 * @param choices   the values of a {@link Kind#CHOICE}, in order; empty otherwise
 * @param hint      a short help shown beside the field, {@code null} for none
 * @param min       the smallest number allowed ({@link Kind#INTEGER}, {@link Kind#DECIMAL}), {@code null} for none
 * @param max       the largest number allowed, {@code null} for none
 * @param minOpen   true when {@code min} itself is not allowed ("above 0")
 * @param cliOption the command line's option for it without dashes ({@code rac} for {@code --rac}), empty for none
 */
public record InputField(String id, Text label, Kind kind, boolean required, String initial, List<Choice> choices,
                         Text hint, BigDecimal min, BigDecimal max, boolean minOpen, String cliOption) {

    /** What a field takes. */
    public enum Kind {
        /** One line of text. */
        TEXT,
        /** A password or passphrase: hidden while typed, kept in the keychain, never logged. */
        SECRET,
        /** A whole number. */
        INTEGER,
        /** A number with decimals. */
        DECIMAL,
        /** One of {@link InputField#choices()}. */
        CHOICE,
        /** Yes or no: "true" or "false". */
        FLAG,
        /** A path to a file. */
        FILE,
        /** Several lines of text. */
        MULTILINE
    }

    /** One value of a {@link Kind#CHOICE} field and its words. */
    public record Choice(String value, Text label) {
        public Choice {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(label, "label");
        }
    }

    public InputField {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
        initial = initial == null ? "" : initial;
        choices = List.copyOf(choices);
        cliOption = cliOption == null ? "" : cliOption;
        if (kind == Kind.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("the choice field " + id + " needs choices");
        }
    }

    private static final String BUNDLE = StandardAttributes.BUNDLE;

    /**
     * Why {@code value} is refused, in words; empty when it is fine. An empty value is refused only
     * when the field is {@link #required()}.
     */
    public Optional<Text> check(String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return required ? Optional.of(Text.of(BUNDLE, "field.invalid.required").with(label)) : Optional.empty();
        }
        switch (kind) {
            case INTEGER, DECIMAL -> {
                BigDecimal n;
                try {
                    n = new BigDecimal(v.replace(',', '.'));
                } catch (NumberFormatException e) {
                    return Optional.of(Text.of(BUNDLE, kind == Kind.INTEGER ? "field.invalid.integer" : "field.invalid.decimal")
                            .with(label));
                }
                if (kind == Kind.INTEGER && n.stripTrailingZeros().scale() > 0) {
                    return Optional.of(Text.of(BUNDLE, "field.invalid.integer").with(label));
                }
                boolean low = min != null && (minOpen ? n.compareTo(min) <= 0 : n.compareTo(min) < 0);
                boolean high = max != null && n.compareTo(max) > 0;
                if (low || high) {
                    return Optional.of(range());
                }
                return Optional.empty();
            }
            case CHOICE -> {
                return choices.stream().anyMatch(c -> c.value().equalsIgnoreCase(v)) ? Optional.empty()
                        : Optional.of(Text.of(BUNDLE, "field.invalid.choice").with(label,
                                String.join(", ", choices.stream().map(Choice::value).toList())));
            }
            case FLAG -> {
                return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") ? Optional.empty()
                        : Optional.of(Text.of(BUNDLE, "field.invalid.flag").with(label));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** "Level: from 1 to 3", "Sample percentage: above 0, at most 100". */
    private Text range() {
        String lo = min == null ? "" : min.toPlainString();
        String hi = max == null ? "" : max.toPlainString();
        if (min != null && max != null) {
            return Text.of(BUNDLE, minOpen ? "field.invalid.rangeOpen" : "field.invalid.range").with(label, lo, hi);
        }
        return min != null ? Text.of(BUNDLE, minOpen ? "field.invalid.above" : "field.invalid.atLeast").with(label, lo)
                : Text.of(BUNDLE, "field.invalid.atMost").with(label, hi);
    }

    /** Starts a declaration. */
    public static Builder builder(String id, Text label, Kind kind) {
        return new Builder(id, label, kind);
    }

    /** Collects a declaration. */
    public static final class Builder {
        private final String id;
        private final Text label;
        private final Kind kind;
        private boolean required;
        private String initial = "";
        private List<Choice> choices = List.of();
        private Text hint;
        private BigDecimal min;
        private BigDecimal max;
        private boolean minOpen;
        private String cliOption = "";

        private Builder(String id, Text label, Kind kind) {
            this.id = id;
            this.label = label;
            this.kind = kind;
        }

        public Builder required() {
            required = true;
            return this;
        }

        public Builder initial(String v) {
            initial = v;
            return this;
        }

        public Builder choices(List<Choice> v) {
            choices = v;
            return this;
        }

        public Builder hint(Text v) {
            hint = v;
            return this;
        }

        /** At least {@code v}. */
        public Builder min(String v) {
            min = new BigDecimal(v);
            minOpen = false;
            return this;
        }

        /** Above {@code v}. */
        public Builder above(String v) {
            min = new BigDecimal(v);
            minOpen = true;
            return this;
        }

        public Builder max(String v) {
            max = new BigDecimal(v);
            return this;
        }

        public Builder cliOption(String v) {
            cliOption = v;
            return this;
        }

        public InputField build() {
            return new InputField(id, label, kind, required, initial, choices, hint, min, max, minOpen, cliOption);
        }
    }
}
