package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.bench.SseParser.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private static final String STREAM = """
            id:0
            event:ready

            :heartbeat

            id:1
            event:CONFIRMED
            data:{"orderId":"o-1","status":"CONFIRMED","note":"crème brûlée"}

            """;

    @Test
    void readsEventsIncludingTheDataLessReadyEventAndSkipsComments() {
        List<SseEvent> events = new SseParser().feed(STREAM.getBytes(StandardCharsets.UTF_8));
        assertThat(events).containsExactly(
                new SseEvent("0", "ready", null),
                new SseEvent("1", "CONFIRMED", "{\"orderId\":\"o-1\",\"status\":\"CONFIRMED\",\"note\":\"crème brûlée\"}"));
    }

    @Test
    void theSameEventsWhateverTheChunking() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int size = 1; size < bytes.length; size += 3) {
            SseParser parser = new SseParser();
            List<SseEvent> events = new ArrayList<>();
            for (int from = 0; from < bytes.length; from += size) {
                byte[] chunk = java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + size));
                events.addAll(parser.feed(chunk));
            }
            // Multi-byte characters split across chunks still decode.
            assertThat(events).as("chunks of %d bytes", size).hasSize(2);
            assertThat(events.get(1).data()).contains("crème brûlée");
        }
    }

    @Test
    void crlfLineEndsMultiLineDataAndDefaults() {
        String stream = "data: first\r\ndata: second\r\n\r\nevent:x\n\n";
        List<SseEvent> events = new SseParser().feed(stream.getBytes(StandardCharsets.UTF_8));
        assertThat(events).containsExactly(new SseEvent(null, "message", "first\nsecond"), new SseEvent(null, "x", null));
    }

    @Test
    void anUnfinishedEventWaitsForItsBlankLine() {
        SseParser parser = new SseParser();
        assertThat(parser.feed("id:5\nevent:PLACED\ndata:{}\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(parser.feed("\n".getBytes(StandardCharsets.UTF_8))).containsExactly(new SseEvent("5", "PLACED", "{}"));
    }
}
