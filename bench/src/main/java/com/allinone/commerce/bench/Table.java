package com.allinone.commerce.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The result: one row per metric, with the baseline it is compared with, the ratio, the target and the verdict. */
final class Table {

    private record Row(String metric, String value, String baseline, String ratio, String target, String result) {
        String[] cells() {
            return new String[]{metric, value, baseline, ratio, target, result};
        }
    }

    private static final String[] HEADER = {"metric", "value", "baseline", "ratio", "target", "result"};

    private final List<Row> rows = new ArrayList<>();

    /** A figure reported for reading, without a target. */
    void info(String metric, String value, String baseline, String ratio) {
        rows.add(new Row(metric, value, baseline, ratio, "", ""));
    }

    void check(String metric, String value, String baseline, String ratio, String target, boolean pass) {
        rows.add(new Row(metric, value, baseline, ratio, target, pass ? "PASS" : "FAIL"));
    }

    /** A pipe table, so it can be pasted into Markdown as it is. */
    void print(PrintStream out) {
        int[] widths = new int[HEADER.length];
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        rows.forEach(row -> lines.add(row.cells()));
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (int n = 0; n < lines.size(); n++) {
            out.println(line(lines.get(n), widths));
            if (n == 0) {
                String[] rule = new String[widths.length];
                for (int i = 0; i < widths.length; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                out.println(line(rule, widths));
            }
        }
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder text = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            text.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
        }
        return text.toString();
    }

    static String rate(double perSecond) {
        return String.format("%,.1f/s", perSecond);
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "n/a";
        }
        return Double.isInfinite(millis) ? "not reached (unsettled)" : String.format("%,.1f ms", millis);
    }

    static String ratio(double value, double baseline) {
        if (baseline == 0 || Double.isNaN(value) || Double.isNaN(baseline) || Double.isInfinite(value)) {
            return "n/a";
        }
        return String.format("%.3f", value / baseline);
    }
}
