package dev.orders.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Where the deployment files are, and how to read them. Maven runs the tests in this module's directory. */
final class DeployFiles {

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path REPOSITORY = MODULE.resolve("../..").normalize();
    static final Path K8S = MODULE.resolve("k8s");
    static final Path COMPOSE = MODULE.resolve("compose");
    static final Path DOCKERFILE = MODULE.resolve("Dockerfile");

    private DeployFiles() {
    }

    /** Every YAML document in a file, in order; empty documents are skipped. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlDocuments(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : yaml().loadAll(read(file))) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    /** The one YAML document of a file. */
    static Map<String, Object> yamlDocument(Path file) {
        List<Map<String, Object>> documents = yamlDocuments(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + " holds " + documents.size() + " documents, not one");
        }
        return documents.get(0);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        // A key given twice is a mistake in a manifest, never an override.
        options.setAllowDuplicateKeys(false);
        return new Yaml(options);
    }
}
