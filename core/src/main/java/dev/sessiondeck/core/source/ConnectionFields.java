package dev.sessiondeck.core.source;

import dev.sessiondeck.core.model.InputField;
import dev.sessiondeck.core.model.InputField.Kind;
import dev.sessiondeck.core.model.Text;
import java.util.List;

/**
 * The connection settings that have a place of their own in a {@link ConnectionSpec}; a
 * {@link SourceType} lists the ones it uses in {@link SourceType#settings()}, beside its own. The
 * data-source dialog and the command line know how to ask for each of these; a type's own fields
 * are asked for from their declaration.
 */
public final class ConnectionFields {

    private static final String BUNDLE = "dev.sessiondeck.core.model.messages";

    private ConnectionFields() {
    }

    private static Text label(String id) {
        return Text.of(BUNDLE, "field." + id);
    }

    public static final InputField HOST = InputField.builder("host", label("host"), Kind.TEXT).required().build();
    public static final InputField PORT = InputField.builder("port", label("port"), Kind.INTEGER).min("1").max("65535").build();
    public static final InputField USER = InputField.builder("user", label("user"), Kind.TEXT).required().build();
    /** The user where a server lets anyone in (a 1C cluster without administrators). */
    public static final InputField OPTIONAL_USER = InputField.builder("user", label("user"), Kind.TEXT).build();
    public static final InputField PASSWORD = InputField.builder("password", label("password"), Kind.SECRET).build();
    public static final InputField DATABASE = InputField.builder("database", label("database"), Kind.TEXT).build();
    public static final InputField TLS = InputField.builder("tls", label("tls"), Kind.TEXT).build();
    public static final InputField CA_FILE = InputField.builder("caFile", label("caFile"), Kind.FILE).build();
    public static final InputField PROPERTIES = InputField.builder("properties", label("properties"), Kind.MULTILINE).build();
    public static final InputField CONNECT_TIMEOUT = InputField.builder("connectTimeout", label("connectTimeout"), Kind.DECIMAL).build();
    public static final InputField QUERY_TIMEOUT = InputField.builder("queryTimeout", label("queryTimeout"), Kind.DECIMAL).build();

    /** What every SQL server's data source takes. */
    public static final List<InputField> JDBC = List.of(HOST, PORT, USER, PASSWORD, DATABASE, TLS, CA_FILE,
            PROPERTIES, CONNECT_TIMEOUT, QUERY_TIMEOUT);

    /** The ids of the fields above: these have a place of their own in a spec, not among its options. */
    public static final List<String> STANDARD_IDS = List.of("host", "port", "user", "password", "database", "tls",
            "caFile", "properties", "connectTimeout", "queryTimeout");

    /** True for a field that has a place of its own in a spec. */
    public static boolean standard(InputField field) {
        return STANDARD_IDS.contains(field.id());
    }

    /** True when {@code type} takes the field with this id. */
    public static boolean takes(SourceType type, String fieldId) {
        return type.settings().stream().anyMatch(f -> f.id().equals(fieldId));
    }
}
