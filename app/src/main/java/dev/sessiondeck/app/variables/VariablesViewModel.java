package dev.sessiondeck.app.variables;

import dev.sessiondeck.app.support.Background;
import dev.sessiondeck.app.support.ErrorText;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.core.model.SessionKey;
import dev.sessiondeck.core.source.Variable;
import dev.sessiondeck.core.source.VariableScope;
import dev.sessiondeck.core.source.Variables;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The variables page of one data source: the global values or SessionDeck's own session's (editable
 * where the server allows), or another session's (read only); searched by name and value, the
 * important ones first. Every read and change runs through the {@link Background} it is given.
 */
public final class VariablesViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(VariablesViewModel.class);

    private final Variables variables;
    private final Background background;
    private final String dataSource;
    /** The other session whose variables are shown; empty for the data source's own scopes. */
    private final Optional<SessionKey> session;

    private final ObjectProperty<VariableScope> scope = new SimpleObjectProperty<>(this, "scope", VariableScope.GLOBAL);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ObservableList<Variable> all = FXCollections.observableArrayList();
    private final FilteredList<Variable> shown = new FilteredList<>(all);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private Background.Job reading;

    /**
     * @param session the other session to show, read only; empty for the data source's global and own-session values
     */
    public VariablesViewModel(Variables variables, Background background, String dataSource, Optional<SessionKey> session) {
        this.variables = Objects.requireNonNull(variables, "variables");
        this.background = Objects.requireNonNull(background, "background");
        this.dataSource = dataSource;
        this.session = session;
        search.addListener((o, a, text) -> shown.setPredicate(v -> v.matches(text)));
        scope.addListener((o, a, b) -> reload());
    }

    /** The data source's name. */
    public String dataSource() {
        return dataSource;
    }

    /** The other session shown (read only); empty for the data source's own scopes. */
    public Optional<SessionKey> session() {
        return session;
    }

    /** The names pinned at the top. */
    public List<String> important() {
        return variables.important();
    }

    /** Reads the variables of the current scope (or session) again, in the background. */
    public void reload() {
        if (reading != null) {
            reading.cancel();
        }
        loading.set(true);
        error.set("");
        VariableScope now = scope.get();
        reading = background.run(() -> session.isPresent() ? variables.ofSession(session.get()) : variables.list(now),
                list -> {
                    loading.set(false);
                    all.setAll(list);
                }, e -> {
                    loading.set(false);
                    all.clear();
                    LOG.info("Cannot read the variables of {}: {}", dataSource, e.getMessage());
                    error.set(ErrorText.of(e));
                });
    }

    /**
     * True when the shown value can be changed: a global one the server lets change. Never another
     * session's, nor SessionDeck's own session's: that session is one connection of a pool, so a
     * change there would reach that connection only, and the next read may come from another one.
     */
    public boolean canEdit(Variable v) {
        return whyNotEdit(v).isEmpty();
    }

    /** Why {@code v} cannot be changed here, worded for a tooltip; empty when it can. */
    public java.util.Optional<String> whyNotEdit(Variable v) {
        if (session.isPresent()) {
            return java.util.Optional.of(Messages.get("variables.edit.notOtherSession"));
        }
        if (scope.get() != VariableScope.GLOBAL) {
            return java.util.Optional.of(Messages.get("variables.edit.notOwnSession"));
        }
        return v.editable() ? java.util.Optional.empty() : java.util.Optional.of(Messages.get("variables.edit.readOnly"));
    }

    /**
     * What the edit of {@code v} starts with: the value the server refused last time, so that
     * nothing typed is lost, else the current value.
     */
    public String startValue(Variable v) {
        return refused.getOrDefault(v.name(), v.value());
    }

    /**
     * Changes {@code v} to {@code value} in the current scope, in the background; then replaces its row
     * with what the server now says, and says it in {@link #noticeProperty()} (or why not in
     * {@link #errorProperty()}).
     *
     * @param done receives the variable as read back, on the UI thread
     */
    public void set(Variable v, String value, Consumer<Variable> done) {
        VariableScope now = scope.get();
        error.set("");
        notice.set("");
        loading.set(true);
        background.run(() -> variables.set(now, v.name(), value), after -> {
            loading.set(false);
            refused.remove(v.name());
            int i = all.indexOf(v);
            if (i >= 0) {
                all.set(i, after);
            }
            notice.set(Messages.get("variables.changed", after.name(), v.value(), after.value()
                    + after.inSeconds().map(s -> " (" + s + ")").orElse("")));
            done.accept(after);
        }, e -> {
            loading.set(false);
            LOG.info("Cannot set {} on {}: {}", v.name(), dataSource, e.getMessage());
            refused.put(v.name(), value);
            error.set(Messages.get("variables.notChanged", v.name(), ErrorText.of(e)));
        });
    }

    /** The values the server refused, by variable name, until a change of that variable works. */
    private final java.util.Map<String, String> refused = new java.util.HashMap<>();

    public ObjectProperty<VariableScope> scopeProperty() { return scope; }
    public StringProperty searchProperty() { return search; }
    /** The variables the search lets through, important ones first. */
    public ObservableList<Variable> shown() { return shown; }
    public ReadOnlyBooleanProperty loadingProperty() { return loading.getReadOnlyProperty(); }
    /** The last failure in words; empty when none. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    /** The last change and what the server now says; empty when none. */
    public ReadOnlyStringProperty noticeProperty() { return notice.getReadOnlyProperty(); }
}
