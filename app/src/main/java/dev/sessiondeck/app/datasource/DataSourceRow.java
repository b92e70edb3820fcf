package dev.sessiondeck.app.datasource;

import dev.sessiondeck.app.support.ColorTag;
import dev.sessiondeck.core.profile.DataSourceProfile;
import dev.sessiondeck.core.source.SessionSource;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One entry of the data-source list: a saved profile, or a data source connected without being
 * saved (the demo server, a quick connect), with its connection state.
 */
public final class DataSourceRow {

    /** Where the data source stands. */
    public enum State { DISCONNECTED, CONNECTING, CONNECTED, FAILED }

    private final ReadOnlyObjectWrapper<DataSourceProfile> profile = new ReadOnlyObjectWrapper<>(this, "profile");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.DISCONNECTED);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyStringWrapper refreshError = new ReadOnlyStringWrapper(this, "refreshError", "");
    private SessionSource source;

    DataSourceRow(DataSourceProfile profile) {
        setProfile(profile);
    }

    /** A data source that is connected but not saved. */
    DataSourceRow(SessionSource source) {
        name.set(source.name());
        this.source = source;
    }

    /** The saved profile; empty for a data source that is connected but not saved. */
    public Optional<DataSourceProfile> profile() {
        return Optional.ofNullable(profile.get());
    }

    public ReadOnlyObjectProperty<DataSourceProfile> profileProperty() {
        return profile.getReadOnlyProperty();
    }

    void setProfile(DataSourceProfile p) {
        profile.set(p);
        name.set(p.name());
    }

    public boolean isSaved() {
        return profile.get() != null;
    }

    public String getName() {
        return name.get();
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ColorTag colorTag() {
        return profile.get() == null ? ColorTag.NONE : ColorTag.of(profile.get().colorTag());
    }

    public State getState() {
        return state.get();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Words for the state: product and version when connected, the reason when failed. */
    public String getDetail() {
        return detail.get();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** While connected: why its last refresh failed; empty when it answered. */
    public ReadOnlyStringProperty refreshErrorProperty() {
        return refreshError.getReadOnlyProperty();
    }

    void setRefreshError(String reason) {
        refreshError.set(reason == null ? "" : reason);
    }

    /** The open data source while connected. */
    public Optional<SessionSource> source() {
        return Optional.ofNullable(source);
    }

    void set(State s, String words, SessionSource open) {
        source = open;
        detail.set(words);
        refreshError.set("");
        state.set(s);
    }

    @Override
    public String toString() {
        return "DataSourceRow[" + getName() + ", " + getState() + "]";
    }
}
