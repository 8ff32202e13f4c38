package dev.orders.app.export;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns export lines into RFC 4180 CSV rows: a field with a comma, a double quote, a line break or surrounding
 * spaces is quoted, with its double quotes doubled; rows end in CRLF. The payload column holds the payload's JSON.
 */
final class CsvRows {

    static final String[] COLUMNS = {"position", "eventId", "type", "aggregateType", "aggregateId", "sequence",
            "timestamp", "payload"};
    static final String LINE_END = "\r\n";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CsvRows() {
    }

    static String header() {
        return String.join(",", COLUMNS) + LINE_END;
    }

    /** The CSV row, line end included, for one NDJSON line of the export. */
    static String row(String ndjsonLine) {
        JsonNode event = JSON.readTree(ndjsonLine);
        StringBuilder row = new StringBuilder(ndjsonLine.length() + 64);
        for (int i = 0; i < COLUMNS.length; i++) {
            if (i > 0) {
                row.append(',');
            }
            JsonNode value = event.get(COLUMNS[i]);
            String text;
            if (value == null || value.isMissingNode()) {
                text = "";
            } else if (i == COLUMNS.length - 1) {
                text = JSON.writeValueAsString(value);
            } else {
                text = value.isNull() ? "" : value.asString();
            }
            appendField(row, text);
        }
        return row.append(LINE_END).toString();
    }

    static void appendField(StringBuilder row, String field) {
        boolean quote = !field.isEmpty() && (field.charAt(0) == ' ' || field.charAt(field.length() - 1) == ' ');
        for (int i = 0; i < field.length() && !quote; i++) {
            char c = field.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            row.append(field);
            return;
        }
        row.append('"');
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '"') {
                row.append('"');
            }
            row.append(c);
        }
        row.append('"');
    }
}
