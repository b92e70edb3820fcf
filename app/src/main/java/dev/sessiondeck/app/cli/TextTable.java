package dev.sessiondeck.app.cli;

import java.util.List;

/** A plain left-aligned text table for people: a header line, then the rows, columns two spaces apart. */
final class TextTable {

    private TextTable() {
    }

    /** The table, each line ending with the platform's line separator; wide (CJK) characters count as two columns. */
    static String of(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = SessionFormats.width(header.get(i));
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], SessionFormats.width(r.get(i)));
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, header, widths);
        rows.forEach(r -> appendLine(out, r, widths));
        return out.toString();
    }

    private static void appendLine(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(cells.get(i)).append(" ".repeat(Math.max(0, widths[i] - SessionFormats.width(cells.get(i))) + 2));
        }
        out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
}
