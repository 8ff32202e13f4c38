package dev.orders.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.api.error.InvalidRequestException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

class CommandRetryTest {

    @Test
    void retriesLostRacesEvenWhenWrapped() {
        assertThat(AxonPlatformConfiguration.lostARace(new ConcurrencyException("appended first"))).isTrue();
        assertThat(AxonPlatformConfiguration.lostARace(
                new CommandExecutionException("failed", new DeadlockException("imminent deadlock")))).isTrue();
    }

    @Test
    void domainErrorsAreFinal() {
        assertThat(AxonPlatformConfiguration.lostARace(new InvalidRequestException("Unknown SKU: X"))).isFalse();
        assertThat(AxonPlatformConfiguration.lostARace(new IllegalStateException("boom"))).isFalse();
    }
}
