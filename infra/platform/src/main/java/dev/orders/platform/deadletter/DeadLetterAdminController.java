package dev.orders.platform.deadletter;

import dev.orders.platform.persistence.JdbcScheduler;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/** Operators' view of the event processors' dead-letter queues: list, retry and evict parked sequences. */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
public class DeadLetterAdminController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final DeadLetters deadLetters;
    private final DeadLetterMetrics metrics;
    private final JdbcScheduler jdbc;

    DeadLetterAdminController(DeadLetters deadLetters, DeadLetterMetrics metrics, JdbcScheduler jdbc) {
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.jdbc = jdbc;
    }

    /** Every processor with a dead-letter queue and how much it holds. */
    @GetMapping
    public Mono<List<DeadLetterQueueView>> queues() {
        return blocking(() -> deadLetters.processors().stream().map(name -> deadLetters.list(name, 0)).toList());
    }

    /** The processor's parked sequences, each with its events in order; {@code limit} sequences at most. */
    @GetMapping("/{processor}")
    public Mono<DeadLetterQueueView> queue(@PathVariable String processor,
                                          @RequestParam(required = false) String limit) {
        return Mono.defer(() -> {
            int sequences = limit(limit);
            return blocking(() -> deadLetters.list(processor, sequences));
        });
    }

    /** Handles the sequence again now; what stays parked comes back in the answer. */
    @PostMapping("/{processor}/{sequenceIdentifier}/retry")
    public Mono<RetryOutcome> retry(@PathVariable String processor, @PathVariable String sequenceIdentifier) {
        return blocking(() -> deadLetters.retry(processor, sequenceIdentifier))
                .doOnSuccess(outcome -> metrics.refreshSoon());
    }

    /** Gives up on the sequence's parked events. */
    @DeleteMapping("/{processor}/{sequenceIdentifier}")
    public Mono<Eviction> evict(@PathVariable String processor, @PathVariable String sequenceIdentifier) {
        return blocking(() -> deadLetters.evict(processor, sequenceIdentifier))
                .doOnSuccess(eviction -> metrics.refreshSoon());
    }

    private <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(jdbc.scheduler());
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ServerWebInputException("limit must be a whole number from 1 to " + MAX_LIMIT + ", got '"
                + value + "'");
    }
}
