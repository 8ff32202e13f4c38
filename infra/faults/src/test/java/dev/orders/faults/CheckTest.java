package dev.orders.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckTest {

    @Test
    void countsWhatItLookedAtAndKeepsOnlyAFewExamplesOfViolations() {
        Check check = new Check("orders settled");
        for (int i = 0; i < 10; i++) {
            check.expect(i % 2 == 0, "order " + i);
        }
        assertThat(check.checked()).isEqualTo(10);
        assertThat(check.violations()).isEqualTo(5);
        assertThat(check.examples()).containsExactly("order 1", "order 3", "order 5", "order 7", "order 9");
    }
}
