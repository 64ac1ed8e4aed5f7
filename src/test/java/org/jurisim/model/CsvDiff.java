package org.jurisim.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The first cell in which two CSV texts differ, described by file, row (the day, for a time series) and
 * column: what a failing golden-output test reports instead of a bare checksum mismatch.
 */
final class CsvDiff {

    private CsvDiff() {
    }

    /**
     * Empty if the two texts have the same cells; otherwise one line naming the file, the first row that
     * differs (by its {@code date} or {@code day} cell when the file has one, else by its first cell), the
     * first column that differs in it, and the two values.
     */
    static Optional<String> firstDifference(String file, String expected, String actual) {
        List<List<String>> e = parse(expected);
        List<List<String>> a = parse(actual);
        if (e.isEmpty() || a.isEmpty()) {
            return e.isEmpty() && a.isEmpty() ? Optional.empty()
                    : Optional.of(file + ": " + (e.isEmpty() ? "expected empty, was not" : "expected rows, was empty"));
        }
        List<String> he = e.get(0);
        List<String> ha = a.get(0);
        if (!he.equals(ha)) {
            for (int c = 0; c < Math.max(he.size(), ha.size()); c++) {
                String x = c < he.size() ? he.get(c) : "(none)";
                String y = c < ha.size() ? ha.get(c) : "(none)";
                if (!x.equals(y)) {
                    return Optional.of(file + ": header differs at column " + (c + 1) + ": expected '" + x + "', was '" + y + "'");
                }
            }
        }
        int key = he.indexOf("date");
        if (key < 0) {
            key = he.indexOf("day");
        }
        for (int r = 1; r < Math.max(e.size(), a.size()); r++) {
            if (r >= e.size()) {
                return Optional.of(file + ": extra row " + r + " (" + rowName(he, a.get(r), key) + ") not in the golden copy");
            }
            if (r >= a.size()) {
                return Optional.of(file + ": row " + r + " (" + rowName(he, e.get(r), key) + ") of the golden copy is missing");
            }
            List<String> re = e.get(r);
            List<String> ra = a.get(r);
            for (int c = 0; c < Math.max(re.size(), ra.size()); c++) {
                String x = c < re.size() ? re.get(c) : "(none)";
                String y = c < ra.size() ? ra.get(c) : "(none)";
                if (!x.equals(y)) {
                    String column = c < he.size() ? he.get(c) : "#" + (c + 1);
                    return Optional.of(file + ": first difference in row " + r + " (" + rowName(he, re, key) + "), column "
                            + column + ": expected '" + x + "', was '" + y + "'");
                }
            }
        }
        return Optional.empty();
    }

    private static String rowName(List<String> header, List<String> row, int key) {
        int k = key >= 0 ? key : 0;
        String name = header.isEmpty() ? "#1" : header.get(k);
        return name + " " + (k < row.size() ? row.get(k) : "?");
    }

    /** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || cell.length() > 0) {
                    row.add(cell.toString());
                    rows.add(row);
                }
                row = new ArrayList<>();
                cell.setLength(0);
                any = false;
            } else {
                cell.append(ch);
                any = true;
            }
        }
        if (any || cell.length() > 0) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
