package dev.sessiondeck.app.testsource;

import dev.sessiondeck.core.model.InputField;
import dev.sessiondeck.core.model.Text;
import dev.sessiondeck.core.source.ConnectionFields;
import dev.sessiondeck.core.source.ConnectionSpec;
import dev.sessiondeck.core.source.SessionSource;
import dev.sessiondeck.core.source.SourceType;
import java.util.List;

/**
 * A kind of data source that exists only in the tests: no JDBC, no server, sessions made up in
 * memory. Registered in {@code src/test/resources/META-INF/services}, it shows that a new kind of
 * data source needs no edit outside its own package: its columns, its action, its setting and its
 * words come from its declarations.
 */
public final class TestClusterType implements SourceType {

    public static final String ID = "testcluster";
    static final String BUNDLE = "dev.sessiondeck.app.testsource.messages";

    /** Its own setting: which region of the made-up cluster to list. */
    public static final InputField REGION = InputField.builder("region", Text.of(BUNDLE, "field.region"), InputField.Kind.TEXT)
            .initial("north").cliOption("region").hint(Text.of(BUNDLE, "field.region.hint")).build();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Text displayName() {
        return Text.of(BUNDLE, "type");
    }

    @Override
    public int order() {
        return 900;
    }

    @Override
    public int defaultPort() {
        return 7777;
    }

    @Override
    public List<InputField> settings() {
        return List.of(ConnectionFields.HOST, ConnectionFields.PORT, ConnectionFields.OPTIONAL_USER, REGION,
                ConnectionFields.CONNECT_TIMEOUT, ConnectionFields.QUERY_TIMEOUT);
    }

    @Override
    public SessionSource open(ConnectionSpec spec) {
        return new TestClusterSource(spec.name(), spec.option(REGION.id()).orElse("north"));
    }
}
