package dev.orders.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @Test
    void aScenarioFailsWithAViolationWhenItCouldNotRunAndWhenItCheckedNothing() {
        ScenarioResult clean = new ScenarioResult("crash");
        Check fine = new Check("fine");
        fine.expect(true, "");
        clean.check(fine);
        assertThat(clean.passed()).isTrue();

        ScenarioResult violated = new ScenarioResult("crash");
        Check broken = new Check("broken");
        broken.expect(false, "order x lost");
        violated.check(broken);
        assertThat(violated.passed()).isFalse();
        assertThat(ScenarioResult.failed("fuzz", new IllegalStateException("no jar")).passed()).isFalse();
        assertThat(new ScenarioResult("empty").passed()).isFalse();
    }

    @Test
    void theTableHasARowPerScenarioAndNamesEveryViolatedCheck(@TempDir Path dir) throws Exception {
        ScenarioResult crash = new ScenarioResult("crash");
        crash.orders(300);
        crash.kill();
        crash.fault("kill -9 (exit 137)");
        Check broken = new Check("no order authorised twice");
        broken.expect(false, "order 1 authorised 2 times");
        crash.check(broken);
        crash.duration(Duration.ofSeconds(42));

        String table = Report.table(List.of(crash, ScenarioResult.failed("fuzz", new IllegalStateException("x"))));
        assertThat(table).contains("crash", "300", "kill -9 (exit 137)", "42s", "COULD NOT RUN")
                .contains("VIOLATION crash: no order authorised twice: 1 of 1 [order 1 authorised 2 times]");

        Path json = dir.resolve("out.json");
        Report.writeJson(json, "short", List.of(crash));
        assertThat(Files.readString(json)).contains("\"violations\" : 1", "\"kills\" : 1", "order 1 authorised");
    }
}
