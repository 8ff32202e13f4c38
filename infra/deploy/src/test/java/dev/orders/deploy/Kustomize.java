package dev.orders.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the features our overlays use: resources and
 * components, namespace, labels, images, replicas, secretGenerator (from env files, or their {@code .example} when
 * the operator's file is absent) and strategic-merge patches with or without a target. Lists of objects merge by
 * {@code name}, as they do for containers, env and volumes. Secret names keep no hash suffix. Anything else in a
 * kustomization fails the rendering, so an overlay cannot silently outgrow this renderer.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "components",
            "namespace", "labels", "images", "replicas", "secretGenerator", "patches");

    private Kustomize() {
    }

    static List<Map<String, Object>> build(Path directory) {
        Map<String, Object> kustomization = DeployFiles.yamlDocument(directory.resolve("kustomization.yaml"));
        List<String> unsupported = kustomization.keySet().stream().filter(key -> !SUPPORTED.contains(key)).toList();
        if (!unsupported.isEmpty()) {
            throw new IllegalArgumentException(directory + " uses " + unsupported + ", which this renderer lacks");
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object entry : Nodes.list(kustomization, "resources")) {
            Path path = directory.resolve(entry.toString()).normalize();
            resources.addAll(Files.isDirectory(path) ? build(path) : DeployFiles.yamlDocuments(path));
        }
        for (Object entry : Nodes.list(kustomization, "components")) {
            Path component = directory.resolve(entry.toString()).normalize();
            Map<String, Object> definition = DeployFiles.yamlDocument(component.resolve("kustomization.yaml"));
            if (!"Component".equals(Nodes.kind(definition))) {
                throw new IllegalArgumentException(component + " is not a Component");
            }
            resources.addAll(build(component));
        }
        for (Map<String, Object> generator : Nodes.maps(kustomization, "secretGenerator")) {
            resources.add(secret(directory, generator));
        }
        for (Map<String, Object> patch : Nodes.maps(kustomization, "patches")) {
            applyPatch(directory, resources, patch);
        }
        for (Map<String, Object> replicas : Nodes.maps(kustomization, "replicas")) {
            resources.stream().filter(object -> Set.of("Deployment", "StatefulSet").contains(Nodes.kind(object))
                            && Nodes.name(object).equals(replicas.get("name")))
                    .forEach(object -> Nodes.map(object, "spec").put("replicas", replicas.get("count")));
        }
        for (Map<String, Object> image : Nodes.maps(kustomization, "images")) {
            resources.forEach(object -> replaceImage(object, image));
        }
        for (Map<String, Object> labels : Nodes.maps(kustomization, "labels")) {
            resources.forEach(object -> addLabels(object, labels));
        }
        String namespace = Nodes.string(kustomization, "namespace");
        if (namespace != null) {
            resources.forEach(object -> mutableMetadata(object).put("namespace", namespace));
        }
        return resources;
    }

    private static Map<String, Object> secret(Path directory, Map<String, Object> generator) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (Object env : Nodes.list(generator, "envs")) {
            Path file = directory.resolve(env.toString());
            Path source = Files.exists(file) ? file : file.resolveSibling(file.getFileName() + ".example");
            for (String line : DeployFiles.read(source).split("\n")) {
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                data.put(trimmed.substring(0, equals), Base64.getEncoder().encodeToString(
                        trimmed.substring(equals + 1).getBytes(StandardCharsets.UTF_8)));
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>(Map.of("name", generator.get("name")));
        Map<String, Object> secret = new LinkedHashMap<>();
        secret.put("apiVersion", "v1");
        secret.put("kind", "Secret");
        secret.put("metadata", metadata);
        secret.put("type", "Opaque");
        secret.put("data", data);
        return secret;
    }

    private static void applyPatch(Path directory, List<Map<String, Object>> resources, Map<String, Object> entry) {
        Map<String, Object> patch = DeployFiles.yamlDocument(directory.resolve(entry.get("path").toString()));
        Map<String, Object> target = Nodes.map(entry, "target");
        List<Map<String, Object>> targets = resources.stream()
                .filter(object -> target.isEmpty()
                        ? Nodes.kind(object).equals(Nodes.kind(patch)) && Nodes.name(object).equals(Nodes.name(patch))
                        : matches(object, target))
                .toList();
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("patch " + entry + " in " + directory + " matches nothing");
        }
        for (Map<String, Object> object : targets) {
            Map<String, Object> body = new LinkedHashMap<>(patch);
            body.remove("metadata");
            body.remove("apiVersion");
            body.remove("kind");
            Map<String, Object> merged = StrategicMerge.merge(object, body);
            object.clear();
            object.putAll(merged);
        }
    }

    private static boolean matches(Map<String, Object> object, Map<String, Object> target) {
        if (target.get("kind") != null && !target.get("kind").equals(Nodes.kind(object))) {
            return false;
        }
        if (target.get("name") != null && !target.get("name").equals(Nodes.name(object))) {
            return false;
        }
        String selector = (String) target.get("labelSelector");
        if (selector != null) {
            Map<String, Object> labels = Nodes.map(object, "metadata", "labels");
            for (String requirement : selector.split(",")) {
                String[] pair = requirement.split("=", 2);
                if (!pair[1].equals(labels.get(pair[0]))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void replaceImage(Map<String, Object> object, Map<String, Object> image) {
        String name = (String) image.get("name");
        for (Map<String, Object> container : Nodes.maps(object, "spec", "template", "spec", "containers")) {
            String current = (String) container.get("image");
            if (current.equals(name) || current.startsWith(name + ":")) {
                String newName = image.get("newName") == null ? name : image.get("newName").toString();
                String tag = image.get("newTag") != null ? ":" + image.get("newTag")
                        : current.contains(":") ? current.substring(current.indexOf(':')) : "";
                container.put("image", newName + tag);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void addLabels(Map<String, Object> object, Map<String, Object> labels) {
        Map<String, Object> pairs = Nodes.map(labels, "pairs");
        if (Boolean.TRUE.equals(labels.get("includeSelectors"))) {
            throw new IllegalArgumentException("labels with includeSelectors are not rendered here");
        }
        ((Map<String, Object>) mutableMetadata(object).computeIfAbsent("labels", key -> new LinkedHashMap<>()))
                .putAll(pairs);
        if (Boolean.TRUE.equals(labels.get("includeTemplates")) && Nodes.at(object, "spec", "template") != null) {
            Map<String, Object> template = Nodes.map(object, "spec", "template");
            Map<String, Object> metadata = (Map<String, Object>) template.computeIfAbsent("metadata",
                    key -> new LinkedHashMap<>());
            ((Map<String, Object>) metadata.computeIfAbsent("labels", key -> new LinkedHashMap<>())).putAll(pairs);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mutableMetadata(Map<String, Object> object) {
        return (Map<String, Object>) object.computeIfAbsent("metadata", key -> new LinkedHashMap<>());
    }
}
