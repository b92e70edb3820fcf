package dev.sessiondeck.app.support;

import java.util.Locale;

/**
 * A colour a user gives a data source (for example red for production), shown in the window title
 * and as a stripe under the session table's header. Stored in the profile by {@link #id()}.
 */
public enum ColorTag {
    NONE, RED, ORANGE, YELLOW, GREEN, BLUE, PURPLE;

    /** The stored form: "" for none, else the lower-case name ("red"). */
    public String id() {
        return this == NONE ? "" : name().toLowerCase(Locale.ROOT);
    }

    /** The style class that draws it ({@code color-tag-red}); see sessiondeck.css. */
    public String styleClass() {
        return "color-tag-" + name().toLowerCase(Locale.ROOT);
    }

    /** The colour's name in the window's language. */
    public String label() {
        return Messages.get("colorTag." + name().toLowerCase(Locale.ROOT));
    }

    /** The tag stored as {@code id}; {@link #NONE} for an empty or unknown one (a hand-edited file). */
    public static ColorTag of(String id) {
        if (id == null || id.isBlank()) {
            return NONE;
        }
        for (ColorTag t : values()) {
            if (t.id().equalsIgnoreCase(id.strip())) {
                return t;
            }
        }
        return NONE;
    }
}
