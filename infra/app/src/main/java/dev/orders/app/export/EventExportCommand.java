package dev.orders.app.export;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar orders.jar export-events ...}: downloads the event export of a running instance over HTTP (so it
 * needs no database credentials) into an NDJSON or CSV file, with a progress bar on standard error. No Spring here:
 * the command starts in a fraction of a second and touches nothing but the HTTP API.
 */
public final class EventExportCommand {

    /** Exit codes: done; failed (connection, server, file); the arguments (or the server) refused the request. */
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: java -jar orders.jar export-events --out=FILE [options]

            Downloads the stored domain events of a running Orders instance, in global order, from its HTTP API
            (GET /api/v1/events); payment tokens are never part of it. Progress goes to standard error.

              --url=URL             base URL of the instance (default %s)
              --out=FILE            file to write; - writes to standard output
              --format=ndjson|csv   one JSON object per line (default), or CSV with the columns
                                    position,eventId,type,aggregateType,aggregateId,sequence,timestamp,payload
              --type=NAME           only these event types, e.g. OrderPlaced; repeat or separate with commas
              --from=INSTANT        only events recorded at or after this ISO-8601 time (2026-01-31T12:00:00Z)
              --to=INSTANT          only events recorded before this time
              --after=POSITION      only events after this global position (resume a previous export)
              --until=POSITION      only events up to and including this position
              --aggregate-id=ID     only the events of one aggregate (an order id, a SKU, ...)
              --limit=N             at most N events
              --token-file=FILE     file holding the access token of an ANALYST or OPS account; without it the
                                    token is read from the environment variable ORDERS_TOKEN (never pass a
                                    token as an argument: other users of the machine can see arguments)
              --quiet               no progress output
              --help                this text

            Exit status: 0 done, 1 the export failed (unreachable instance, server error, cut-off stream, file
            error), 2 invalid arguments (also when the instance refuses a filter).
            """.formatted(ExportOptions.DEFAULT_URL);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STATS_TIMEOUT = Duration.ofMinutes(10);

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final boolean terminal;
    private final String environmentToken;
    private String token;

    EventExportCommand(PrintStream stdout, PrintStream stderr, boolean terminal) {
        this(stdout, stderr, terminal, System.getenv("ORDERS_TOKEN"));
    }

    EventExportCommand(PrintStream stdout, PrintStream stderr, boolean terminal, String environmentToken) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.terminal = terminal;
        this.environmentToken = environmentToken;
    }

    /** Runs the command with the process's streams; returns the exit status. */
    public static int run(String... args) {
        return new EventExportCommand(System.out, System.err, System.console() != null).execute(args);
    }

    int execute(String... args) {
        ExportOptions options;
        try {
            options = ExportOptions.parse(args);
        } catch (IllegalArgumentException e) {
            stderr.println("export-events: " + e.getMessage());
            stderr.println("Run with --help for the options.");
            return USAGE;
        }
        if (options.help()) {
            stdout.print(USAGE_TEXT);
            return OK;
        }
        try {
            token = options.tokenFile() != null ? Files.readString(options.tokenFile()).strip() : environmentToken;
        } catch (IOException e) {
            stderr.println("export-events: cannot read the token file " + options.tokenFile() + " (" + e + ")");
            return USAGE;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            return export(client, options);
        } catch (Refused e) {
            stderr.println("export-events: " + e.getMessage());
            return e.status == 400 ? USAGE : FAILED;
        } catch (ConnectException e) {
            stderr.println("export-events: cannot connect to " + options.url() + " (" + describe(e)
                    + "); is Orders running there?");
            return FAILED;
        } catch (HttpTimeoutException e) {
            stderr.println("export-events: " + options.url() + " did not answer in time (" + describe(e) + ")");
            return FAILED;
        } catch (IOException | UncheckedIOException e) {
            stderr.println("export-events: the export failed: " + describe(e));
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stderr.println("export-events: interrupted");
            return FAILED;
        }
    }

    private int export(HttpClient client, ExportOptions options) throws IOException, InterruptedException {
        JsonNode stats = stats(client, options);
        long total = stats.path("count").asLong();
        // Ending at the last position the count saw makes the file match the count, however busy the store is.
        Long until = stats.path("lastPosition").isNumber() ? Long.valueOf(stats.path("lastPosition").asLong())
                : options.until();
        if (!options.quiet()) {
            stderr.printf(Locale.ROOT, "Exporting %,d events from %s%n", total, options.url());
        }
        Progress progress = new Progress(stderr, total, terminal, options.quiet());
        Path target = options.out();
        Path partial = target == null ? null : target.resolveSibling(target.getFileName() + ".part");
        boolean complete = false;
        try (OutputStream out = target == null ? nonClosing(stdout)
                : new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
            if (options.format() == ExportOptions.Format.CSV) {
                out.write(CsvRows.header().getBytes(StandardCharsets.UTF_8));
            }
            if (total > 0) {
                download(client, options, until, out, progress);
            }
            out.flush();
            complete = true;
        } finally {
            if (partial != null) {
                if (complete) {
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.deleteIfExists(partial);
                }
            }
        }
        progress.finish();
        if (!options.quiet()) {
            stderr.printf(Locale.ROOT, "Exported %,d events to %s in %.1f s (%,.0f events/s)%n", progress.events(),
                    target == null ? "standard output" : target, progress.seconds(),
                    progress.events() / progress.seconds());
        }
        return OK;
    }

    private JsonNode stats(HttpClient client, ExportOptions options) throws IOException, InterruptedException {
        HttpRequest request = authorised(
                        HttpRequest.newBuilder(endpoint(options, "/api/v1/events/stats", options.until())))
                .header("Accept", "application/json, application/problem+json")
                .timeout(STATS_TIMEOUT)
                .GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw Refused.by(response.statusCode(), response.body());
        }
        return JSON.readTree(response.body());
    }

    private void download(HttpClient client, ExportOptions options, Long until, OutputStream out, Progress progress)
            throws IOException, InterruptedException {
        HttpRequest request = authorised(HttpRequest.newBuilder(endpoint(options, "/api/v1/events", until)))
                .header("Accept", "application/x-ndjson, application/problem+json")
                .GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw Refused.by(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            try {
                if (options.format() == ExportOptions.Format.CSV) {
                    copyAsCsv(body, out, progress);
                } else {
                    copyLines(body, out, progress);
                }
            } catch (IOException e) {
                throw new IOException("the stream was cut off after " + progress.events() + " events: "
                        + describe(e) + "; resume with --after=<the last position in the file>", e);
            }
        }
    }

    /** NDJSON as it arrives, counting line ends, without decoding a single event. */
    private static void copyLines(InputStream body, OutputStream out, Progress progress) throws IOException {
        byte[] buffer = new byte[1 << 16];
        for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
            int lines = 0;
            for (int i = 0; i < read; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
            out.write(buffer, 0, read);
            progress.advance(lines);
        }
    }

    private static void copyAsCsv(InputStream body, OutputStream out, Progress progress) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (!line.isEmpty()) {
                out.write(CsvRows.row(line).getBytes(StandardCharsets.UTF_8));
                progress.advance(1);
            }
        }
    }

    private static URI endpoint(ExportOptions options, String path, Long until) {
        String query = options.query(until);
        return URI.create(options.url() + path + (query.isEmpty() ? "" : "?" + query));
    }

    private static OutputStream nonClosing(PrintStream stream) {
        return new FilterOutputStream(stream) {
            @Override
            public void write(byte[] bytes, int offset, int length) {
                stream.write(bytes, offset, length);
            }

            @Override
            public void close() {
                stream.flush();
            }
        };
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** The instance answered with an error; its problem detail says why. */
    /** Adds the bearer token when there is one; an instance that needs one answers 401, reported below. */
    private HttpRequest.Builder authorised(HttpRequest.Builder request) {
        return token == null || token.isBlank() ? request : request.header("Authorization", "Bearer " + token);
    }

    private static final class Refused extends IOException {

        final int status;

        private Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        static Refused by(int status, String body) {
            String detail = null;
            try {
                JsonNode problem = JSON.readTree(body);
                detail = problem.path("detail").isString() ? problem.path("detail").asString() : null;
            } catch (RuntimeException e) {
                // not a problem document
            }
            String reason = detail != null ? detail
                    : body == null || body.isBlank() ? "no details" : body.strip().lines().findFirst().orElse("");
            if (status == 401) {
                reason += "; set ORDERS_TOKEN or --token-file to the access token of an ANALYST or OPS account";
            }
            return new Refused(status, "the instance refused the export (HTTP " + status + "): " + reason);
        }
    }
}
