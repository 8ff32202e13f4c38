package dev.orders.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line against a small local HTTP server that answers like an Orders instance. */
class EventExportCommandTest {

    private static final String LINES = """
            {"position":3,"eventId":"e-3","type":"OrderPlaced","aggregateType":"Order","aggregateId":"o-1","sequence":0,"timestamp":"2026-05-01T10:00:00.000Z","payload":{"orderId":"o-1","note":"a, \\"quoted\\"\\nline"}}
            {"position":7,"eventId":"e-7","type":"OrderShipped","aggregateType":"Order","aggregateId":"o-1","sequence":1,"timestamp":"2026-05-01T10:00:01.000Z","payload":{"orderId":"o-1"}}
            """;

    @TempDir
    Path directory;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int eventsStatus = 200;
    private volatile String eventsBody = LINES;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/api/v1/events", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            if (exchange.getRequestURI().getPath().endsWith("/stats")) {
                respond(exchange, 200, "application/json", "{\"count\":2,\"firstPosition\":3,\"lastPosition\":7}");
            } else {
                respond(exchange, eventsStatus, eventsStatus == 200 ? "application/x-ndjson"
                        : "application/problem+json", eventsBody);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void writesTheNdjsonAsServedAndPassesTheFiltersOn() throws IOException {
        Path out = directory.resolve("events.ndjson");

        int status = run("--url=" + url(), "--out", out.toString(), "--type=OrderPlaced,OrderShipped",
                "--type", "OrderDelivered", "--from=2026-05-01T12:00:00+02:00", "--after=2",
                "--aggregate-id=o 1&x");

        assertThat(status).as(stderr.toString()).isZero();
        assertThat(Files.readString(out)).isEqualTo(LINES);
        assertThat(Files.exists(directory.resolve("events.ndjson.part"))).isFalse();
        String filters = "type=OrderPlaced&type=OrderShipped&type=OrderDelivered&from=2026-05-01T10%3A00%3A00Z"
                + "&after=2";
        assertThat(requests).containsExactly(
                "/api/v1/events/stats?" + filters + "&aggregateId=o+1%26x",
                // The export ends where the count ended, so the file matches the count.
                "/api/v1/events?" + filters + "&until=7&aggregateId=o+1%26x");
        assertThat(stderr.toString()).contains("Exporting 2 events").contains("100.0%").contains("2/2 events")
                .contains("Exported 2 events to " + out);
    }

    @Test
    void writesCsvWithQuotedFields() throws IOException {
        Path out = directory.resolve("events.csv");

        assertThat(run("--url=" + url() + "/", "--out=" + out, "--format=CSV", "--quiet")).isZero();

        assertThat(Files.readString(out)).isEqualTo(
                "position,eventId,type,aggregateType,aggregateId,sequence,timestamp,payload\r\n"
                + "3,e-3,OrderPlaced,Order,o-1,0,2026-05-01T10:00:00.000Z,"
                + "\"{\"\"orderId\"\":\"\"o-1\"\",\"\"note\"\":\"\"a, \\\"\"quoted\\\"\"\\nline\"\"}\"\r\n"
                + "7,e-7,OrderShipped,Order,o-1,1,2026-05-01T10:00:01.000Z,\"{\"\"orderId\"\":\"\"o-1\"\"}\"\r\n");
        assertThat(stderr.toString()).isEmpty();
    }

    @Test
    void quotesCsvFieldsOnlyWhenNeeded() {
        assertThat(field("plain")).isEqualTo("plain");
        assertThat(field("")).isEqualTo("");
        assertThat(field("a,b")).isEqualTo("\"a,b\"");
        assertThat(field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(field("cr\r")).isEqualTo("\"cr\r\"");
        assertThat(field(" padded ")).isEqualTo("\" padded \"");
        assertThat(CsvRows.row("{\"position\":1,\"type\":\"X\",\"payload\":\"text\"}"))
                .isEqualTo("1,,X,,,,,\"\"\"text\"\"\"\r\n");
    }

    @Test
    void writesToStandardOutputWithDash() {
        assertThat(run("--url=" + url(), "--out=-", "--quiet")).isZero();

        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo(LINES);
    }

    @Test
    void explainsItselfWithHelp() {
        assertThat(run("--help")).isZero();

        assertThat(stdout.toString()).contains("Usage: java -jar orders.jar export-events").contains("--format")
                .contains("--aggregate-id").contains("Exit status");
    }

    @Test
    void refusesBadArgumentsBeforeConnecting() {
        assertUsageError("unknown option --colour", "--out=x", "--colour=red");
        assertUsageError("--out is required");
        assertUsageError("--format must be ndjson or csv", "--out=x", "--format=xml");
        assertUsageError("--from must be an ISO-8601 timestamp", "--out=x", "--from=yesterday");
        assertUsageError("--from must be before --to", "--out=x", "--from=2026-02-01T00:00:00Z",
                "--to=2026-01-01T00:00:00Z");
        assertUsageError("--after must be a whole number of at least 0", "--out=x", "--after=-3");
        assertUsageError("--limit must be a whole number of at least 1", "--out=x", "--limit=0");
        assertUsageError("--url must be the base URL", "--out=x", "--url=localhost:8080");
        assertUsageError("--out needs a value", "--out");
        assertUsageError("unexpected argument 'events.ndjson'", "events.ndjson");
        assertThat(requests).isEmpty();
    }

    @Test
    void reportsAFilterTheInstanceRefusesAsABadArgument() {
        eventsStatus = 400;
        eventsBody = "{\"type\":\"urn:orders:problem:malformed-request\",\"status\":400,"
                + "\"detail\":\"type must be one of [OrderPlaced], got 'Nope'\"}";
        Path out = directory.resolve("refused.ndjson");

        assertThat(run("--url=" + url(), "--out=" + out)).isEqualTo(EventExportCommand.USAGE);

        assertThat(stderr.toString()).contains("HTTP 400").contains("type must be one of [OrderPlaced], got 'Nope'");
        assertThat(Files.exists(out)).isFalse();
        assertThat(Files.exists(directory.resolve("refused.ndjson.part"))).isFalse();
    }

    @Test
    void failsClearlyWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        assertThat(run("--url=http://localhost:" + port, "--out=" + directory.resolve("x"))).isEqualTo(1);

        assertThat(stderr.toString()).contains("cannot connect to http://localhost:" + port)
                .contains("is Orders running there?");
    }

    @Test
    void failsAndLeavesNoFileWhenTheStreamIsCutOff() throws Exception {
        try (ServerSocket cutting = new ServerSocket(0)) {
            Thread serve = new Thread(() -> {
                for (int i = 0; i < 2; i++) {
                    try (Socket socket = cutting.accept()) {
                        String request = readRequestLine(socket);
                        OutputStream out = socket.getOutputStream();
                        if (request.contains("/stats")) {
                            String body = "{\"count\":5,\"firstPosition\":1,\"lastPosition\":5}";
                            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                    + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                                    .getBytes(StandardCharsets.UTF_8));
                        } else {
                            String chunk = "{\"position\":1}\n";
                            // One chunk, then the connection drops without the terminating chunk.
                            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n"
                                    + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(chunk.length())
                                    + "\r\n" + chunk + "\r\n").getBytes(StandardCharsets.UTF_8));
                        }
                        out.flush();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            serve.start();
            Path out = directory.resolve("cut.ndjson");

            assertThat(run("--url=http://localhost:" + cutting.getLocalPort(), "--out=" + out)).isEqualTo(1);

            assertThat(stderr.toString()).contains("the stream was cut off after 1 events")
                    .contains("--after=");
            assertThat(Files.exists(out)).isFalse();
            assertThat(Files.exists(directory.resolve("cut.ndjson.part"))).isFalse();
            serve.join(5000);
        }
    }

    private static String readRequestLine(Socket socket) throws IOException {
        StringBuilder head = new StringBuilder();
        var in = socket.getInputStream();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private void assertUsageError(String message, String... args) {
        stderr.reset();
        assertThat(run(args)).isEqualTo(EventExportCommand.USAGE);
        assertThat(stderr.toString()).contains(message).contains("--help");
    }

    private int run(String... args) {
        return new EventExportCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), false).execute(args);
    }

    private String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private static String field(String value) {
        StringBuilder row = new StringBuilder();
        CsvRows.appendField(row, value);
        return row.toString();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
