package dev.sessiondeck.core.testing;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.sessiondeck.core.source.mysql.PlanTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Recorded plans under {@code fixtures/<product>/<version>/}: the server's text, or its EXPLAIN table as CSV. */
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
}
