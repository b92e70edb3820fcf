package dev.sessiondeck.core.testing;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.sessiondeck.core.source.mysql.PlanTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Recorded plans under {@code fixtures/<product>/<version>/}: the server's text, or its EXPLAIN table as
 * CSV; and the table that plan tests on a live server read.
 */
public final class PlanFixtures {

    private PlanFixtures() {
    }

    /** The file {@code /fixtures/<path>} as text (UTF-8). */
    public static String text(String path) {
        try (InputStream in = PlanFixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSV file {@code /fixtures/<path>} as an EXPLAIN table: its header the columns, {@code NULL} for NULL. */
    public static PlanTable table(String path) {
        try (MappingIterator<List<String>> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerForListOf(String.class).readValues(text(path))) {
            List<List<String>> all = it.readAll();
            List<List<String>> rows = new ArrayList<>();
            for (List<String> r : all.subList(1, all.size())) {
                rows.add(r.stream().map(v -> "NULL".equals(v) ? null : v).toList());
            }
            return new PlanTable(all.get(0), rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes table {@code plan_items} (id 1 to 60, a name) on {@code pg} if it is not there, readable by
     * {@link EmbeddedPostgres#ADMIN} and {@link EmbeddedPostgres#PLAIN}, with statistics.
     */
    public static void postgresItems(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = pg.connectSuper(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS plan_items (id int PRIMARY KEY, name text)");
            st.execute("INSERT INTO plan_items SELECT g, 'item ' || g FROM generate_series(1, 60) g ON CONFLICT DO NOTHING");
            st.execute("GRANT SELECT ON plan_items TO " + EmbeddedPostgres.ADMIN + ", " + EmbeddedPostgres.PLAIN);
            st.execute("ANALYZE plan_items");
        }
    }
}
