package dev.sessiondeck.core.model;

import java.util.List;
import java.util.Objects;

/**
 * Something a data source can do to its sessions, declared by the kind of data source: close the
 * session, cancel its statement, configure tracing, interrupt a server call ... The toolbar and the
 * row menu offer an action when the selected rows' data sources offer it (disabled, with the reason
 * in a tooltip, otherwise); its dialog is built from its {@link #parameters()}. Two actions with the
 * same id are the same action: a kind of data source may offer its own variant of a standard one
 * ({@link #withParameters}: Close Session with a message to the user), which the toolbar's button then
 * runs for its rows.
 */
public final class SessionAction {

    /** Close the whole session and its connection ({@link KillMode#SESSION}). */
    public static final SessionAction CLOSE_SESSION = builder("closeSession",
            Text.of(StandardAttributes.BUNDLE, "action.closeSession"))
            .tip(Text.of(StandardAttributes.BUNDLE, "action.closeSession.tip")).many().destructive().build();
    /** Cancel only the running statement; the session stays ({@link KillMode#QUERY}). */
    public static final SessionAction CLOSE_QUERY = builder("closeQuery",
            Text.of(StandardAttributes.BUNDLE, "action.closeQuery"))
            .tip(Text.of(StandardAttributes.BUNDLE, "action.closeQuery.tip")).many().destructive().activeOnly().build();

    /**
     * Show the session's variables (read only): the window opens its variables page for that session.
     * Offered by SQL sources; where the server cannot show another session's variables,
     * {@code SessionSource#unavailable} says why.
     */
    public static final SessionAction SESSION_VARIABLES = builder("sessionVariables",
            Text.of(StandardAttributes.BUNDLE, "action.sessionVariables"))
            .tip(Text.of(StandardAttributes.BUNDLE, "action.sessionVariables.tip")).build();

    private final String id;
    private final Text title;
    private final Text tip;
    private final boolean many;
    private final boolean destructive;
    private final boolean activeOnly;
    private final List<InputField> parameters;

    private SessionAction(Builder b) {
        if (b.id == null || !b.id.matches("[a-z][A-Za-z0-9.]*")) {
            throw new IllegalArgumentException("an action id is camelCase letters, digits and dots, not '" + b.id + "'");
        }
        this.id = b.id;
        this.title = Objects.requireNonNull(b.title, "title");
        this.tip = b.tip == null ? b.title : b.tip;
        this.many = b.many;
        this.destructive = b.destructive;
        this.activeOnly = b.activeOnly;
        this.parameters = List.copyOf(b.parameters);
    }

    /** Stable id: node ids ({@code action-<id>}) and the command line use it. */
    public String id() {
        return id;
    }

    /** The menu item's words, e.g. "Close Session". */
    public Text title() {
        return title;
    }

    /** What it does, for its tooltip. */
    public Text tip() {
        return tip;
    }

    /** True when it takes several sessions at once; false for exactly one. */
    public boolean many() {
        return many;
    }

    /**
     * True when it cannot be undone (it ends something): it asks for a confirmation that lists the
     * sessions, and it is never offered on SessionDeck's own sessions.
     */
    public boolean destructive() {
        return destructive;
    }

    /** True when it applies only to sessions that run a statement now; other selected sessions are left alone. */
    public boolean activeOnly() {
        return activeOnly;
    }

    /** What its dialog asks for before it runs; empty for none. */
    public List<InputField> parameters() {
        return parameters;
    }

    /** The same action, asking for these parameters (a data source's variant of a standard action). */
    public SessionAction withParameters(List<InputField> params) {
        Builder b = new Builder(id, title);
        b.tip = tip;
        b.many = many;
        b.destructive = destructive;
        b.activeOnly = activeOnly;
        b.parameters = params;
        return b.build();
    }

    /** True for the same action: the same id. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SessionAction a && a.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "SessionAction[" + id + "]";
    }

    public static Builder builder(String id, Text title) {
        return new Builder(id, title);
    }

    /** Collects a declaration. */
    public static final class Builder {
        private final String id;
        private final Text title;
        private Text tip;
        private boolean many;
        private boolean destructive;
        private boolean activeOnly;
        private List<InputField> parameters = List.of();

        private Builder(String id, Text title) {
            this.id = id;
            this.title = title;
        }

        public Builder tip(Text v) {
            tip = v;
            return this;
        }

        /** Takes several sessions at once. */
        public Builder many() {
            many = true;
            return this;
        }

        /** Ends something: confirmed first, never on our own sessions. */
        public Builder destructive() {
            destructive = true;
            return this;
        }

        /** Only for sessions running a statement. */
        public Builder activeOnly() {
            activeOnly = true;
            return this;
        }

        public Builder parameters(List<InputField> v) {
            parameters = v;
            return this;
        }

        public SessionAction build() {
            return new SessionAction(this);
        }
    }
}
