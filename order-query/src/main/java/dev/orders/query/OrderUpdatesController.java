package dev.orders.query;

import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import dev.orders.platform.security.CallerIdentity;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Server-sent order updates that resume after a disconnect: a client sends back the last id it saw as
 * {@code Last-Event-ID} and receives everything after it from the change log, then live changes.
 */
@ConditionalOnRole(InstanceRole.QUERY)
@RestController
@RequestMapping("/api/v1/orders")
public class OrderUpdatesController {

    private static final String LAST_EVENT_ID = "Last-Event-ID";
    /** How long a client waits before it reconnects after this instance ended its stream to shut down. */
    static final Duration RECONNECT_AFTER_SHUTDOWN = Duration.ofSeconds(3);

    private final OrderLookup orders;
    private final OrderChangeLog changeLog;
    private final OrderChangeHub hub;
    private final CallerIdentity callerIdentity;
    private final Duration heartbeat;
    private final SseSubscribers subscribers;

    OrderUpdatesController(OrderLookup orders, OrderChangeLog changeLog, OrderChangeHub hub,
                           CallerIdentity callerIdentity,
                           @Value("${orders.sse.heartbeat:PT15S}") Duration heartbeat, SseSubscribers subscribers) {
        this.subscribers = subscribers;
        this.orders = orders;
        this.changeLog = changeLog;
        this.hub = hub;
        this.callerIdentity = callerIdentity;
        this.heartbeat = heartbeat;
    }

    /**
     * One order: its current view (id = the order's event sequence), then each change; completes after a terminal
     * status. A client that already saw the terminal status gets 204, which tells EventSource to stop reconnecting.
     */
    @GetMapping("/{id}/updates")
    public Mono<ResponseEntity<Flux<ServerSentEvent<OrderView>>>> orderUpdates(
            @PathVariable String id, @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId) {
        return Mono.defer(() -> {
            UUID orderId = RequestParameters.orderId(id);
            Long after = RequestParameters.lastEventId(lastEventId);
            return callerIdentity.caller().flatMap(caller -> orders.find(orderId)
                    .doOnNext(view -> caller.requireReadable(view.customerId(), "order", orderId)))
                    .map(view -> {
                        if (after != null && view.status().isTerminal() && after >= view.version()) {
                            return ResponseEntity.noContent().<Flux<ServerSentEvent<OrderView>>>build();
                        }
                        Flux<Update> live = hub.changes()
                                .filter(change -> change.orderId().equals(orderId))
                                .map(Update::bySequence);
                        // Without Last-Event-ID the view read above leads; the log covers what happened since.
                        Flux<Update> replay = after == null
                                ? Flux.concat(Mono.just(new Update(view.version(), view)),
                                        changeLog.forOrderAfter(orderId, view.version()).map(Update::bySequence))
                                : changeLog.forOrderAfter(orderId, after).map(Update::bySequence);
                        Flux<ServerSentEvent<OrderView>> events = ResumableStream
                                .resume(live, replay, Update::id, after == null ? -1 : after,
                                        ResumableStream.LIVE_BUFFER)
                                .takeUntil(update -> update.view().status().isTerminal())
                                .map(Update::event);
                        return eventStream(SseSubscribers.Stream.ORDER, events);
                    });
        });
    }

    /**
     * The caller's orders (id = change-log position); for operators and analysts every order, or one customer's
     * with {@code customerId}. Without {@code Last-Event-ID} it starts now with a data-less {@code ready} event whose
     * id is the current position, so a reconnect resumes from there.
     */
    @GetMapping("/updates")
    public Mono<ResponseEntity<Flux<ServerSentEvent<OrderView>>>> customerUpdates(
            @RequestParam(required = false) String customerId,
            @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId) {
        return Mono.defer(() -> {
            Long after = RequestParameters.lastEventId(lastEventId);
            return callerIdentity.caller().map(caller -> caller.readScope(customerId)).map(scope -> {
                Flux<Update> live = hub.changes()
                        .filter(change -> scope.isEmpty() || change.customerId().equals(scope.get()))
                        .map(Update::byPosition);
                Flux<Update> replay = after == null
                        ? changeLog.lastPosition().map(Update::ready).flux()
                        : scope.map(customer -> changeLog.forCustomerAfter(customer, after))
                                .orElseGet(() -> changeLog.allAfter(after))
                                .map(Update::byPosition);
                Flux<ServerSentEvent<OrderView>> events = ResumableStream
                        .resume(live, replay, Update::id, after == null ? -1 : after, ResumableStream.LIVE_BUFFER)
                        .map(Update::event);
                return eventStream(scope.isEmpty() ? SseSubscribers.Stream.ALL : SseSubscribers.Stream.CUSTOMER,
                        events);
            });
        });
    }

    private ResponseEntity<Flux<ServerSentEvent<OrderView>>> eventStream(SseSubscribers.Stream stream,
                                                                         Flux<ServerSentEvent<OrderView>> events) {
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .header("Cache-Control", "no-cache")
                // Stops nginx-style proxies from buffering the stream.
                .header("X-Accel-Buffering", "no")
                // At shutdown a stream ends with a reconnect hint, before the web server waits for open connections,
                // so the client moves to another instance and resumes there instead of seeing a bare end.
                .body(subscribers.counted(stream, ResumableStream.endingOn(
                        ResumableStream.withHeartbeats(events, heartbeat), hub.stopping(), RECONNECT_AFTER_SHUTDOWN)));
    }

    /** A view with its SSE id; no view marks the position a fresh customer stream starts from. */
    private record Update(long id, OrderView view) {

        static Update bySequence(OrderChange change) {
            return new Update(change.sequence(), change.view());
        }

        static Update byPosition(OrderChange change) {
            return new Update(change.position(), change.view());
        }

        static Update ready(long position) {
            return new Update(position, null);
        }

        ServerSentEvent<OrderView> event() {
            ServerSentEvent.Builder<OrderView> event = ServerSentEvent.<OrderView>builder().id(Long.toString(id));
            return view == null ? event.event("ready").build()
                    : event.event(view.status().name()).data(view).build();
        }
    }
}
