package dev.orders.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one scenario did and found: the row of the suite's table, with every check behind it. */
final class ScenarioResult {

    private final String name;
    private int orders;
    private int kills;
    private final List<String> faults = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private Duration duration = Duration.ZERO;
    private String error;

    ScenarioResult(String name) {
        this.name = name;
    }

    static ScenarioResult failed(String name, Throwable error) {
        ScenarioResult result = new ScenarioResult(name);
        result.error = error.toString();
        return result;
    }

    void orders(int count) {
        orders = count;
    }

    void kill() {
        kills++;
    }

    void fault(String description) {
        faults.add(description);
    }

    void checks(List<Check> more) {
        checks.addAll(more);
    }

    void check(Check check) {
        checks.add(check);
    }

    void figure(String key, Object value) {
        figures.put(key, value);
    }

    void duration(Duration took) {
        duration = took;
    }

    String name() {
        return name;
    }

    int orders() {
        return orders;
    }

    int kills() {
        return kills;
    }

    List<String> faults() {
        return faults;
    }

    List<Check> checks() {
        return checks;
    }

    Map<String, Object> figures() {
        return figures;
    }

    Duration duration() {
        return duration;
    }

    /** Null when the scenario ran to its end. */
    String error() {
        return error;
    }

    int violations() {
        return Checks.violations(checks);
    }

    /** A scenario fails when it could not run or when any check found a violation. */
    boolean passed() {
        return error == null && violations() == 0 && !checks.isEmpty();
    }
}
