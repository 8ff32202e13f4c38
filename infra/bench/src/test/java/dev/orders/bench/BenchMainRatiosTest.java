package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchMainRatiosTest {

    private static final List<PgLimitScenario.Level> LEVELS = List.of(
            new PgLimitScenario.Level(1, 5000, 5, 1000, LatencyStats.Summary.EMPTY),
            new PgLimitScenario.Level(8, 20000, 5, 4000, LatencyStats.Summary.EMPTY));

    @Test
    void kafkaRecordsPublishedAreSetAgainstTheSingleConnectionInsertLimit() {
        Map<String, Object> ratios = BenchMain.ratios(LEVELS, result(250.0));
        assertThat(ratios).containsEntry("kafkaRecordsPerSecond / pg single-connection", 0.25)
                .containsEntry("eventsAppendedPerSecond / pg single-connection", 0.3);
    }

    @Test
    void noKafkaFigureNoKafkaRatio() {
        assertThat(BenchMain.ratios(LEVELS, result(null)))
                .doesNotContainKey("kafkaRecordsPerSecond / pg single-connection");
    }

    private static OrdersScenario.Result result(Double kafkaRecordsPerSecond) {
        return new OrdersScenario.Result(Map.of(), Map.of(), Map.of(), new Invariants(), 40, 36, 40, 300.0, Map.of(),
                kafkaRecordsPerSecond);
    }
}
