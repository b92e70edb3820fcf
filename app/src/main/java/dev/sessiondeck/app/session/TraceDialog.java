package dev.sessiondeck.app.session;

import atlantafx.base.theme.Styles;
import dev.sessiondeck.app.support.Messages;
import dev.sessiondeck.app.support.Themes;
import dev.sessiondeck.core.model.Session;
import dev.sessiondeck.core.model.TraceSettings;
import dev.sessiondeck.core.model.TraceSettings.RecordPolicy;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * Full link tracking configuration of one OceanBase session (4.2.1+): shows the session's current
 * trace settings and enables tracing with a level ({@value TraceSettings#MIN_LEVEL} to
 * {@value TraceSettings#MAX_LEVEL}), a sample percentage (above 0, at most 100; core sends it as a
 * fraction) and a record policy, or disables it. Out-of-range input is refused next to its field,
 * by {@link TraceSettings}'s own checks; the change runs in the background and its outcome is
 * worded in the dialog, which stays open.
 */
final class TraceDialog extends Dialog<Void> {

    private final SessionsViewModel viewModel;
    private final SessionRow row;
    private final TextField level = new TextField();
    private final TextField sample = new TextField();
    private final ComboBox<RecordPolicy> policy = new ComboBox<>();
    private final String levelHint = Messages.get("trace.level.hint", TraceSettings.MIN_LEVEL, TraceSettings.MAX_LEVEL);
    private final String sampleHint = Messages.get("trace.sample.hint");
    /** Next to each field: what it takes, or why the value typed is refused. */
    private final Label levelMessage = hint("trace-level-message", levelHint);
    private final Label sampleMessage = hint("trace-sample-message", sampleHint);
    private final Label result = new Label();
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");

    TraceDialog(Window owner, SessionsViewModel viewModel, SessionRow row) {
        this.viewModel = viewModel;
        this.row = row;
        initOwner(owner);
        initModality(Modality.WINDOW_MODAL);
        Session session = row.getSession();
        setTitle(Messages.get("trace.title"));
        setHeaderText(Messages.get("trace.header", String.valueOf(session.id()),
                session.obServer().orElse(session.key().dataSource())));

        Label current = new Label();
        current.setId("trace-current");
        current.textProperty().bind(Bindings.createStringBinding(() -> viewModel.traceSettings(row.getSession())
                .map(SessionColumn::describe).orElse(Messages.get("trace.off")), row.sessionProperty()));
        current.getStyleClass().add(Styles.TEXT_BOLD);

        Optional<TraceSettings> now = viewModel.traceSettings(session);
        level.setId("trace-level");
        level.setPromptText(TraceSettings.MIN_LEVEL + "\u2013" + TraceSettings.MAX_LEVEL);
        level.setText(String.valueOf(now.map(TraceSettings::level).orElse(TraceSettings.MIN_LEVEL)));
        level.setPrefColumnCount(6);
        sample.setId("trace-sample");
        sample.setPromptText("0\u2013100");
        sample.setText(SessionColumn.percent(now.map(TraceSettings::samplePercentage).orElse(10.0)));
        sample.setPrefColumnCount(6);
        policy.setId("trace-policy");
        policy.setPrefWidth(260);
        policy.setMinWidth(Region.USE_PREF_SIZE);
        policy.getItems().setAll(RecordPolicy.values());
        policy.setValue(now.map(TraceSettings::recordPolicy).orElse(RecordPolicy.SAMPLE_AND_SLOW_QUERY));
        policy.setConverter(new StringConverter<>() {
            @Override
            public String toString(RecordPolicy p) {
                return p == null ? "" : p.name();
            }

            @Override
            public RecordPolicy fromString(String s) {
                return null;
            }
        });
        level.textProperty().addListener((o, a, b) -> show(levelMessage, levelHint, false));
        sample.textProperty().addListener((o, a, b) -> show(sampleMessage, sampleHint, false));

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        grid.addRow(0, name("trace.current"));
        grid.add(current, 1, 0, 2, 1);
        grid.addRow(1, name("trace.level"), level, levelMessage);
        grid.addRow(2, name("trace.sample"), sample, sampleMessage);
        Label policyHint = hint("trace-policy-hint", "");
        policyHint.textProperty().bind(Bindings.createStringBinding(() -> policy.getValue() == null ? ""
                : Messages.get("trace.policy." + policy.getValue().name()), policy.valueProperty()));
        grid.addRow(3, name("trace.policy"), policy, policyHint);
        for (TextField f : new TextField[] {level, sample}) {
            f.setMaxWidth(Region.USE_PREF_SIZE);
        }

        result.setId("trace-result");
        result.setWrapText(true);
        result.setMaxWidth(520);
        result.setMinHeight(Region.USE_PREF_SIZE);
        // the outcome may take a few lines: the window follows its content
        result.textProperty().addListener((o, a, b) -> Platform.runLater(this::fitWindow));
        VBox box = new VBox(12, grid, result);
        box.setPadding(new Insets(4, 0, 0, 0));

        ButtonType enable = new ButtonType(Messages.get("trace.enable"), ButtonBar.ButtonData.OK_DONE);
        ButtonType disable = new ButtonType(Messages.get("trace.disable"), ButtonBar.ButtonData.OTHER);
        getDialogPane().getButtonTypes().addAll(enable, disable, ButtonType.CLOSE);
        getDialogPane().setId("trace-dialog");
        setOnShown(e -> fitWindow());
        getDialogPane().setContent(box);
        getDialogPane().getStylesheets().add(Themes.stylesheet());
        Button enableButton = (Button) getDialogPane().lookupButton(enable);
        enableButton.setId("trace-enable");
        enableButton.getStyleClass().add(Styles.ACCENT);
        enableButton.disableProperty().bind(running);
        // the dialog stays open to show the outcome; only Close closes it
        enableButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            settings().ifPresent(s -> apply(Optional.of(s)));
        });
        Button disableButton = (Button) getDialogPane().lookupButton(disable);
        disableButton.setId("trace-disable");
        disableButton.disableProperty().bind(running);
        disableButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            apply(Optional.empty());
        });
        getDialogPane().lookupButton(ButtonType.CLOSE).setId("trace-close");
    }

    private static Label hint(String id, String text) {
        Label l = new Label(text);
        l.setId(id);
        l.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        l.setWrapText(true);
        l.setPrefWidth(260);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    /** A field's hint, or in the danger colour why its value is refused. */
    private static void show(Label message, String text, boolean refused) {
        message.setText(text);
        message.getStyleClass().removeAll(Styles.TEXT_MUTED, Styles.DANGER);
        message.getStyleClass().add(refused ? Styles.DANGER : Styles.TEXT_MUTED);
    }

    private static Label name(String key) {
        Label l = new Label(Messages.get(key));
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private void fitWindow() {
        Window w = getDialogPane().getScene() == null ? null : getDialogPane().getScene().getWindow();
        if (w != null) {
            w.sizeToScene();
        }
    }

    /** The settings typed, or empty with the reasons shown next to the fields. */
    private Optional<TraceSettings> settings() {
        Optional<Integer> l = parse(level.getText(), Integer::valueOf)
                .filter(v -> valid(() -> new TraceSettings(v, 100, RecordPolicy.ALL)));
        Optional<Double> p = parse(sample.getText().replace("%", "").replace(',', '.'), Double::valueOf)
                .filter(v -> valid(() -> new TraceSettings(TraceSettings.MIN_LEVEL, v, RecordPolicy.ALL)));
        show(levelMessage, l.isPresent() ? levelHint
                : Messages.get("trace.level.invalid", TraceSettings.MIN_LEVEL, TraceSettings.MAX_LEVEL), l.isEmpty());
        show(sampleMessage, p.isPresent() ? sampleHint : Messages.get("trace.sample.invalid"), p.isEmpty());
        if (l.isEmpty() || p.isEmpty() || policy.getValue() == null) {
            return Optional.empty();
        }
        return Optional.of(new TraceSettings(l.get(), p.get(), policy.getValue()));
    }

    private static <T> Optional<T> parse(String text, java.util.function.Function<String, T> parser) {
        try {
            return Optional.of(parser.apply(text.strip().toLowerCase(Locale.ROOT)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True when {@link TraceSettings} accepts the values: its checks are the only range rules. */
    private static boolean valid(Runnable construct) {
        try {
            construct.run();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void apply(Optional<TraceSettings> settings) {
        running.set(true);
        result.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        result.setText(Messages.get("trace.applying"));
        String id = String.valueOf(row.getSession().id());
        viewModel.trace(row.getSession(), settings, failure -> {
            running.set(false);
            result.getStyleClass().add(failure.isPresent() ? Styles.DANGER : Styles.SUCCESS);
            result.setText(failure.orElseGet(() -> settings
                    .map(s -> Messages.get("trace.enabled", id, SessionColumn.describe(s)))
                    .orElse(Messages.get("trace.disabled", id))));
        });
    }
}
