package dev.orders.query;

import dev.orders.platform.axon.ConditionalOnJdbcEventStore;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The stored domain events for analysts, in global order, as NDJSON: one JSON object per line with
 * {@code position, eventId, type, aggregateType, aggregateId, sequence, timestamp, payload}. Payment tokens are
 * removed from every payload.
 */
@ConditionalOnRole(InstanceRole.QUERY)
@ConditionalOnJdbcEventStore
@RestController
@RequestMapping("/api/v1/events")
public class EventExportController {

    private final EventExport export;

    EventExportController(EventExport export) {
        this.export = export;
    }

    @GetMapping(produces = {MediaType.APPLICATION_NDJSON_VALUE, MediaType.ALL_VALUE})
    public Mono<ResponseEntity<Flux<DataBuffer>>> events(@RequestParam(required = false) String after,
                                                         @RequestParam(required = false) String until,
                                                         @RequestParam(required = false) String from,
                                                         @RequestParam(required = false) String to,
                                                         @RequestParam(required = false) List<String> type,
                                                         @RequestParam(required = false) String aggregateId,
                                                         @RequestParam(required = false) String limit) {
        return Mono.fromSupplier(() -> {
            EventFilter filter = EventFilter.parse(after, until, from, to, type, aggregateId, limit);
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_NDJSON)
                    // Stops nginx-style proxies from buffering a long export.
                    .header("X-Accel-Buffering", "no")
                    .body(export.ndjson(filter));
        });
    }

    /** How many events the same filters select, and their first and last positions. */
    @GetMapping("/stats")
    public Mono<EventStats> stats(@RequestParam(required = false) String after,
                                  @RequestParam(required = false) String until,
                                  @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to,
                                  @RequestParam(required = false) List<String> type,
                                  @RequestParam(required = false) String aggregateId,
                                  @RequestParam(required = false) String limit) {
        return Mono.defer(() -> export.stats(EventFilter.parse(after, until, from, to, type, aggregateId, limit)));
    }
}
