package dev.sessiondeck.app.support;

import java.util.function.Function;
import javafx.util.StringConverter;

/** The words a choice box shows for its values. */
public final class Converters {

    private Converters() {
    }

    /** Shows each value as {@code words} gives it ({@code null} as nothing); reads nothing back. */
    public static <T> StringConverter<T> showing(Function<T, String> words) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : words.apply(value);
            }

            @Override
            public T fromString(String text) {
                return null;
            }
        };
    }
}
