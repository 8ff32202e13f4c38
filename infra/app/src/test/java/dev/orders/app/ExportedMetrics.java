package dev.orders.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The metric families the dashboards and alert rules may use: {@code infra/deploy/exported-metrics.txt}. */
final class ExportedMetrics {

    static final Path FILE = Path.of("..", "deploy", "exported-metrics.txt");

    private ExportedMetrics() {
    }

    /** The family names, the first word of every line that is not blank or a comment. */
    static List<String> families() {
        try {
            return Files.readAllLines(FILE).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.split("\\s+")[0])
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
