package dev.sessiondeck.core.testing;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the recorded result shapes under {@code fixtures/oceanbase}; empty cells are NULL. */
public final class Fixtures {

    private Fixtures() {
    }

    /** The rows of {@code /fixtures/oceanbase/<path>}, header names as keys, in file order. */
    public static List<Map<String, String>> rows(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/oceanbase/" + path)) {
            MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(in);
            List<Map<String, String>> out = new ArrayList<>();
            for (Map<String, String> row : it.readAll()) {
                Map<String, String> withNulls = new LinkedHashMap<>();
                row.forEach((k, v) -> withNulls.put(k, v == null || v.isEmpty() ? null : v));
                out.add(withNulls);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
