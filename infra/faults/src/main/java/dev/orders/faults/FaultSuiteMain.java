package dev.orders.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar orders-faults.jar [--form=short|long] [--scenarios=crash,outages,duplicates,fuzz,scaleout]
 * [--jar=infra/app/target/orders.jar] [--work-dir=target/faults-run] [--out=faults-results.json] [--seed=n]}: runs
 * the reliability suite, prints its table, writes the JSON report; exit status 1 when any violation was found or a
 * scenario could not run, 2 for bad arguments.
 */
public final class FaultSuiteMain {

    static final List<String> SCENARIOS = List.of("crash", "outages", "duplicates", "fuzz", "scaleout");

    private FaultSuiteMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /** Runs the suite; answers the exit status. */
    public static int run(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("form", "short",
                "scenarios", String.join(",", SCENARIOS), "jar", "infra/app/target/orders.jar",
                "work-dir", "target/faults-run", "out", "faults-results.json",
                "seed", String.valueOf(System.currentTimeMillis())));
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String key = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : null;
            if (key == null || !options.containsKey(key)) {
                System.err.println("Unknown argument " + arg + "; flags: " + options.keySet());
                return 2;
            }
            options.put(key, arg.substring(equals + 1));
        }
        Form form;
        try {
            form = Form.of(options.get("form"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        List<String> chosen = Arrays.asList(options.get("scenarios").split(","));
        if (!SCENARIOS.containsAll(chosen)) {
            System.err.println("--scenarios takes some of " + SCENARIOS);
            return 2;
        }
        Path jar = Path.of(options.get("jar"));
        if (!Files.isRegularFile(jar)) {
            System.err.println("No jar at " + jar + ": build it with ./mvnw -pl infra/app -am -DskipTests package");
            return 2;
        }
        long seed = Long.parseLong(options.get("seed"));
        List<ScenarioResult> results = runScenarios(jar, Path.of(options.get("work-dir")), form, chosen, seed);
        System.out.println();
        System.out.println("Reliability suite, " + form.name() + " form, seed " + seed);
        System.out.print(Report.table(results));
        Report.writeJson(Path.of(options.get("out")), form.name(), results);
        return results.stream().allMatch(ScenarioResult::passed) ? 0 : 1;
    }

    static List<ScenarioResult> runScenarios(Path jar, Path workRoot, Form form, List<String> chosen, long seed)
            throws Exception {
        Path work = workRoot.resolve("run-" + seed).toAbsolutePath();
        Files.createDirectories(work);
        List<ScenarioResult> results = new ArrayList<>();
        String runId = Long.toString(seed, 36);
        try (Services services = Services.start(work);
             Cluster cluster = new Cluster(jar, work, services, runId)) {
            // Stopped from outside (Ctrl-C): no instance of the jar may outlive the suite.
            Thread cleanUp = new Thread(cluster::close, "faults-clean-up");
            Runtime.getRuntime().addShutdownHook(cleanUp);
            cluster.open(10, 4);
            for (String name : SCENARIOS) {
                if (!chosen.contains(name)) {
                    continue;
                }
                System.out.println("== " + name + " (" + form.name() + " form) ...");
                Instant start = Instant.now();
                ScenarioResult result;
                try {
                    long scenarioSeed = seed + name.hashCode();
                    result = switch (name) {
                        case "crash" -> CrashScenario.run(cluster, form, scenarioSeed);
                        case "outages" -> OutageScenario.run(cluster, form, scenarioSeed);
                        case "duplicates" -> DuplicatesScenario.run(cluster, form, scenarioSeed);
                        case "fuzz" -> FuzzScenario.run(cluster, form, scenarioSeed);
                        default -> ScaleOutScenario.run(cluster, form, scenarioSeed);
                    };
                } catch (Exception | Error e) {
                    e.printStackTrace();
                    result = ScenarioResult.failed(name, e);
                }
                result.duration(Duration.between(start, Instant.now()));
                System.out.println("== " + name + ": " + result.violations() + " violations in "
                        + result.duration().toSeconds() + " s " + result.figures());
                results.add(result);
            }
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        }
        return results;
    }
}
