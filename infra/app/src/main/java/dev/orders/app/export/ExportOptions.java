package dev.orders.app.export;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What {@code export-events} was asked to do; {@link #parse} checks every argument before anything connects. */
record ExportOptions(URI url, Path out, Format format, List<String> types, Instant from, Instant to, Long after,
                     Long until, String aggregateId, Long limit, boolean quiet, boolean help, Path tokenFile) {

    static final String DEFAULT_URL = "http://localhost:8080";

    /** What the file holds. */
    enum Format { NDJSON, CSV }

    private static final Set<String> VALUED = Set.of("url", "out", "format", "type", "from", "to", "after", "until",
            "aggregate-id", "limit", "token-file");
    private static final Set<String> FLAGS = Set.of("quiet", "help");

    /** {@code --name=value} or {@code --name value}; {@code --type} may repeat and hold commas. */
    static ExportOptions parse(String... args) {
        Map<String, String> single = new LinkedHashMap<>();
        List<String> types = new ArrayList<>();
        boolean quiet = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            if (FLAGS.contains(name)) {
                if (equals >= 0) {
                    throw new IllegalArgumentException("--" + name + " takes no value");
                }
                quiet |= name.equals("quiet");
                help |= name.equals("help");
                continue;
            }
            if (!VALUED.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (name.equals("type")) {
                for (String type : value.split(",")) {
                    if (!type.isBlank()) {
                        types.add(type.trim());
                    }
                }
            } else if (single.put(name, value) != null) {
                throw new IllegalArgumentException("--" + name + " is given twice");
            }
        }
        if (help) {
            return new ExportOptions(null, null, Format.NDJSON, List.of(), null, null, null, null, null, null, quiet,
                    true, null);
        }
        String out = single.get("out");
        if (out == null || out.isBlank()) {
            throw new IllegalArgumentException("--out is required: the file to write, or - for standard output");
        }
        Instant from = time("from", single.get("from"));
        Instant to = time("to", single.get("to"));
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("--from must be before --to");
        }
        Long after = number("after", single.get("after"), 0);
        Long until = number("until", single.get("until"), 0);
        if (after != null && until != null && until <= after) {
            throw new IllegalArgumentException("--until must be greater than --after");
        }
        String aggregateId = single.get("aggregate-id");
        if (aggregateId != null && aggregateId.isBlank()) {
            throw new IllegalArgumentException("--aggregate-id must not be empty");
        }
        return new ExportOptions(url(single.getOrDefault("url", DEFAULT_URL)), out.equals("-") ? null : Path.of(out),
                format(single.getOrDefault("format", "ndjson")), List.copyOf(types), from, to, after, until,
                aggregateId, number("limit", single.get("limit"), 1), quiet, false,
                single.containsKey("token-file") ? Path.of(single.get("token-file")) : null);
    }

    /** The query string for {@code /api/v1/events} and {@code /stats}, URL-encoded, without a leading '?'. */
    String query(Long untilPosition) {
        List<String> parameters = new ArrayList<>();
        types.forEach(type -> parameters.add("type=" + encode(type)));
        if (from != null) {
            parameters.add("from=" + encode(from.toString()));
        }
        if (to != null) {
            parameters.add("to=" + encode(to.toString()));
        }
        if (after != null) {
            parameters.add("after=" + after);
        }
        if (untilPosition != null) {
            parameters.add("until=" + untilPosition);
        }
        if (aggregateId != null) {
            parameters.add("aggregateId=" + encode(aggregateId));
        }
        if (limit != null) {
            parameters.add("limit=" + limit);
        }
        return String.join("&", parameters);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static URI url(String value) {
        try {
            URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("--url must be the base URL of a running Orders instance such as "
                + DEFAULT_URL + ", got '" + value + "'");
    }

    private static Format format(String value) {
        try {
            return Format.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format must be ndjson or csv, got '" + value + "'");
        }
    }

    private static Instant time(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeException e) {
            try {
                return OffsetDateTime.parse(value.trim()).toInstant();
            } catch (DateTimeException again) {
                throw new IllegalArgumentException("--" + name + " must be an ISO-8601 timestamp such as "
                        + "2026-01-31T12:00:00Z, got '" + value + "'");
            }
        }
    }

    private static Long number(String name, String value, long minimum) {
        if (value == null) {
            return null;
        }
        try {
            long number = Long.parseLong(value.trim());
            if (number >= minimum) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a whole number of at least " + minimum + ", got '"
                + value + "'");
    }
}
