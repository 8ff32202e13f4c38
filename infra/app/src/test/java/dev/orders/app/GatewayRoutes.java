package dev.orders.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The two gateways of the split deployment, read from their files and evaluated as their implementations do: the
 * Kubernetes HTTPRoute (Gateway API precedence: exact path, then longest prefix, then a method match) and the
 * compose nginx map (first matching regular expression, else the default).
 */
final class GatewayRoutes {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Pattern MAP_ENTRY = Pattern.compile("^\\s*(\"~[^\"]+\"|default)\\s+(\\S+);");

    private GatewayRoutes() {
    }

    /** The Service the HTTPRoute sends the request to. */
    @SuppressWarnings("unchecked")
    static String httpRouteBackend(String method, String path) {
        Map<String, Object> route = new Yaml().load(read(DEPLOY.resolve(
                "k8s/components/gateway-api/httproute.yaml")));
        String best = null;
        int bestRank = -1;
        for (Map<String, Object> rule : (List<Map<String, Object>>) ((Map<String, Object>) route.get("spec"))
                .get("rules")) {
            for (Map<String, Object> match : (List<Map<String, Object>>) rule.get("matches")) {
                Map<String, Object> pathMatch = (Map<String, Object>) match.get("path");
                String type = (String) pathMatch.get("type");
                String value = (String) pathMatch.get("value");
                boolean pathMatches = type.equals("Exact") ? path.equals(value)
                        : value.equals("/") || path.equals(value) || path.startsWith(value + "/");
                boolean methodMatches = match.get("method") == null || match.get("method").equals(method);
                if (pathMatches && methodMatches) {
                    int rank = (type.equals("Exact") ? 1_000_000 : 0) + value.length() * 10
                            + (match.get("method") != null ? 1 : 0);
                    if (rank > bestRank) {
                        bestRank = rank;
                        best = (String) ((List<Map<String, Object>>) rule.get("backendRefs")).get(0).get("name");
                    }
                }
            }
        }
        return best;
    }

    /** The nginx upstream the compose gateway sends the request to. */
    static String nginxUpstream(String method, String path) {
        String request = method + " " + path;
        String fallback = null;
        List<String> lines = new ArrayList<>(List.of(read(DEPLOY.resolve("compose/gateway/nginx.conf")).split("\n")));
        for (String line : lines) {
            Matcher entry = MAP_ENTRY.matcher(line);
            if (!entry.find()) {
                continue;
            }
            if (entry.group(1).equals("default")) {
                fallback = entry.group(2);
            } else {
                String regex = entry.group(1).substring(2, entry.group(1).length() - 1);
                if (Pattern.compile(regex).matcher(request).find()) {
                    return entry.group(2);
                }
            }
        }
        return fallback;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
