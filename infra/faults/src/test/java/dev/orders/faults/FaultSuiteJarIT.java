package dev.orders.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short form of the reliability suite on the packaged jar (failsafe, after {@code package}): every scenario
 * runs, and none finds a violation.
 */
class FaultSuiteJarIT {

    private static final Path JAR = Path.of(System.getProperty("orders.jar", "../app/target/orders.jar"));

    @Test
    void everyScenarioOfTheShortFormRunsWithoutAViolation() throws Exception {
        assertThat(JAR).as("the packaged jar (run through mvn verify)").isRegularFile();
        long seed = System.currentTimeMillis();
        List<ScenarioResult> results = FaultSuiteMain.runScenarios(JAR, Path.of("target", "faults-it"),
                Form.of("short"), FaultSuiteMain.SCENARIOS, seed);
        String table = Report.table(results);
        System.out.println(table);
        Report.writeJson(Path.of("target", "faults-it", "results-" + seed + ".json"), "short", results);

        assertThat(results).extracting(ScenarioResult::name).containsExactlyElementsOf(FaultSuiteMain.SCENARIOS);
        assertThat(results).as(table).allSatisfy(result -> {
            assertThat(result.error()).as(result.name() + " ran to its end").isNull();
            assertThat(result.checks()).as(result.name() + " checked something").isNotEmpty();
            assertThat(result.violations()).as(result.name() + " violations").isZero();
        });
        assertThat(results).filteredOn(result -> result.name().equals("crash"))
                .singleElement().satisfies(crash -> assertThat(crash.kills()).isEqualTo(2));
    }
}
