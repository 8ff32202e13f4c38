package dev.orders.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the bytes of a text/event-stream into events, whatever the chunking: lines end at LF (a CR before it is
 * dropped), a blank line ends an event, lines starting with ':' are comments (heartbeats). Unlike a browser it
 * also hands out events without data, such as the customer stream's {@code ready}. One parser per connection.
 */
final class SseParser {

    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private String id;
    private String event;
    private StringBuilder data;

    List<SseEvent> feed(byte[] chunk) {
        List<SseEvent> events = new ArrayList<>(1);
        for (byte b : chunk) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                line.reset();
                SseEvent complete = onLine(new String(bytes, 0, length, StandardCharsets.UTF_8));
                if (complete != null) {
                    events.add(complete);
                }
            } else {
                line.write(b);
            }
        }
        return events;
    }

    private SseEvent onLine(String text) {
        if (text.isEmpty()) {
            if (id == null && event == null && data == null) {
                return null;
            }
            SseEvent complete = new SseEvent(id, event == null ? "message" : event, data == null ? null : data.toString());
            id = null;
            event = null;
            data = null;
            return complete;
        }
        if (text.charAt(0) == ':') {
            return null;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> id = value;
            case "event" -> event = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            default -> {
                // retry and unknown fields do not matter here
            }
        }
        return null;
    }

    /** One server-sent event; {@code data} is null when the event had none. */
    record SseEvent(String id, String event, String data) {
    }
}
