package dev.orders.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The results: named sections of figures, printed as a table and written as JSON with the same content. */
final class Report {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final int KEY_WIDTH = 52;

    private final Map<String, Object> sections = new LinkedHashMap<>();

    void put(String section, Object figures) {
        sections.put(section, figures);
    }

    Map<String, Object> sections() {
        return sections;
    }

    String json() {
        return JSON.writeValueAsString(sections);
    }

    void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, json() + System.lineSeparator());
    }

    String table() {
        StringBuilder text = new StringBuilder();
        sections.forEach((name, figures) -> {
            text.append("== ").append(name).append(" ==\n");
            append(text, figures, 1);
            text.append('\n');
        });
        return text.toString();
    }

    private static void append(StringBuilder text, Object value, int depth) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> {
                String indent = "  ".repeat(depth);
                String label = indent + key + " ";
                if (isLatency(inner) || isFlat(inner)
                        || !(inner instanceof Map<?, ?> || inner instanceof List<?> list && isRows(list))) {
                    text.append(pad(label)).append(' ').append(scalar(inner)).append('\n');
                } else {
                    text.append(label).append('\n');
                    append(text, inner, depth + 1);
                }
            });
        } else if (value instanceof List<?> list && isRows(list)) {
            for (Object row : list) {
                Map<?, ?> check = (Map<?, ?>) row;
                Object ok = check.get("ok");
                String mark = ok == null ? "[SKIP]" : Boolean.TRUE.equals(ok) ? "[ OK ]" : "[FAIL]";
                text.append("  ".repeat(depth)).append(mark).append(' ').append(check.get("check"))
                        .append(": ").append(check.get("detail")).append('\n');
            }
        } else {
            text.append("  ".repeat(depth)).append(scalar(value)).append('\n');
        }
    }

    /** Small maps of plain values print on one line. */
    private static boolean isFlat(Object value) {
        return value instanceof Map<?, ?> map && map.size() <= 4
                && map.values().stream().noneMatch(v -> v instanceof Map<?, ?> || v instanceof List<?>);
    }

    private static boolean isRows(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(row -> row instanceof Map<?, ?> m && m.containsKey("check"));
    }

    private static boolean isLatency(Object value) {
        return value instanceof Map<?, ?> map && map.containsKey("count")
                && (map.containsKey("p50Ms") || map.size() == 1);
    }

    private static String scalar(Object value) {
        if (value == null) {
            return "-";
        }
        if (isLatency(value)) {
            Map<?, ?> map = (Map<?, ?>) value;
            long count = ((Number) map.get("count")).longValue();
            if (count == 0) {
                return "no samples";
            }
            return new LatencyStats.Summary(count, number(map, "meanMs"), number(map, "p50Ms"), number(map, "p90Ms"),
                    number(map, "p95Ms"), number(map, "p99Ms"), number(map, "p999Ms"), number(map, "maxMs")).line();
        }
        if (value instanceof Double d) {
            return number(d);
        }
        if (value instanceof List<?> list && list.size() > 12 && list.stream().allMatch(v -> v instanceof Number)) {
            double min = list.stream().mapToDouble(v -> ((Number) v).doubleValue()).min().orElse(0);
            double max = list.stream().mapToDouble(v -> ((Number) v).doubleValue()).max().orElse(0);
            return list.size() + " values from " + number(min) + " to " + number(max) + " (see the JSON file)";
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder inline = new StringBuilder("{");
            map.forEach((k, v) -> inline.append(inline.length() > 1 ? ", " : "").append(k).append('=')
                    .append(v instanceof Double d ? number(d) : String.valueOf(v)));
            return inline.append('}').toString();
        }
        return String.valueOf(value);
    }

    /** Whole numbers with one decimal, small ratios with four significant digits, the rest with two decimals. */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        if (Math.abs(d) < 1) {
            return new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static double number(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private static String pad(String label) {
        if (label.length() >= KEY_WIDTH) {
            return label;
        }
        StringBuilder padded = new StringBuilder(label);
        while (padded.length() < KEY_WIDTH) {
            padded.append('.');
        }
        return padded.toString();
    }
}
