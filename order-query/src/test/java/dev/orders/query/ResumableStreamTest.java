package dev.orders.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class ResumableStreamTest {

    @Test
    void emitsEachIdOnceInOrderWhenReplayAndLiveOverlap() {
        Sinks.Many<Long> live = Sinks.many().multicast().directBestEffort();
        // Live changes 4..6 arrive while the replay still runs; the replay read up to 5.
        Flux<Long> replay = Flux.just(2L, 3L, 4L, 5L).doOnSubscribe(subscription -> {
            live.tryEmitNext(4L);
            live.tryEmitNext(5L);
            live.tryEmitNext(6L);
        });

        StepVerifier.create(ResumableStream.resume(live.asFlux(), replay, Long::longValue, 1, 16))
                .expectNext(2L, 3L, 4L, 5L, 6L)
                .then(() -> live.tryEmitNext(7L))
                .expectNext(7L)
                .thenCancel()
                .verify();
    }

    @Test
    void keepsLiveChangesThatArriveBeforeTheReplayIsRead() {
        Sinks.Many<Long> live = Sinks.many().multicast().directBestEffort();
        // The change commits after the live subscription but the replay query does not see it yet.
        Flux<Long> replay = Flux.defer(() -> {
            live.tryEmitNext(10L);
            return Flux.just(8L, 9L);
        });

        StepVerifier.create(ResumableStream.resume(live.asFlux(), replay, Long::longValue, 7, 16))
                .expectNext(8L, 9L, 10L)
                .thenCancel()
                .verify();
    }

    @Test
    void dropsEverythingAtOrBelowTheResumePoint() {
        Flux<Long> live = Flux.just(3L, 5L, 6L);

        StepVerifier.create(ResumableStream.resume(live, Flux.just(4L, 5L), Long::longValue, 4, 16))
                .expectNext(5L, 6L)
                .verifyComplete();
    }

    @Test
    void subscribesToLiveBeforeReadingTheReplay() {
        Sinks.Many<Long> live = Sinks.many().multicast().directBestEffort();
        Flux<Long> replay = Flux.defer(() -> {
            assertThat(live.currentSubscriberCount()).isEqualTo(1);
            return Flux.just(1L);
        });

        StepVerifier.create(ResumableStream.resume(live.asFlux(), replay, Long::longValue, 0, 16))
                .expectNext(1L)
                .thenCancel()
                .verify();
        assertThat(live.currentSubscriberCount()).isZero();
    }

    @Test
    void failsASubscriberThatFallsTooFarBehindSoItResumesFromTheLog() {
        Sinks.Many<Long> live = Sinks.many().multicast().directBestEffort();
        Flux<Long> replay = Flux.defer(() -> {
            for (long id = 1; id <= 20; id++) {
                live.tryEmitNext(id);
            }
            return Flux.empty();
        });

        StepVerifier.create(ResumableStream.resume(live.asFlux(), replay, Long::longValue, 0, 8))
                .expectNext(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L)
                .expectErrorMatches(Exceptions::isOverflow)
                .verify();
    }

    @Test
    void sendsHeartbeatsWhileTheStreamRunsAndStopsWithIt() {
        Sinks.Many<ServerSentEvent<String>> events = Sinks.many().unicast().onBackpressureBuffer();

        StepVerifier.withVirtualTime(() -> ResumableStream.withHeartbeats(events.asFlux(), Duration.ofSeconds(15)))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(31))
                .assertNext(event -> assertThat(event.comment()).isEqualTo("heartbeat"))
                .assertNext(event -> assertThat(event.comment()).isEqualTo("heartbeat"))
                .then(() -> events.tryEmitNext(ServerSentEvent.builder("data").id("1").build()))
                .assertNext(event -> assertThat(event.data()).isEqualTo("data"))
                .then(events::tryEmitComplete)
                .verifyComplete();
    }

    @Test
    void heartbeatsDoNotOutliveAFiniteStream() {
        StepVerifier.withVirtualTime(() -> ResumableStream.withHeartbeats(
                        Flux.just(ServerSentEvent.builder("a").build()), Duration.ofSeconds(1)))
                .assertNext(event -> assertThat(event.data()).isEqualTo("a"))
                .verifyComplete();
    }

    @Test
    void endsAnOpenStreamAtShutdownWithARetryHint() {
        Sinks.Many<ServerSentEvent<String>> live = Sinks.many().unicast().onBackpressureBuffer();
        Sinks.Empty<Void> shutdown = Sinks.empty();
        StepVerifier.create(ResumableStream.endingOn(live.asFlux(), shutdown.asMono(), Duration.ofSeconds(3)))
                .then(() -> live.tryEmitNext(ServerSentEvent.builder("one").build()))
                .assertNext(event -> assertThat(event.data()).isEqualTo("one"))
                .then(shutdown::tryEmitEmpty)
                .assertNext(event -> {
                    assertThat(event.retry()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(event.data()).isNull();
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(live.currentSubscriberCount()).as("the stream's source is cancelled").isZero();
    }

    @Test
    void aStreamThatEndsByItselfGetsNoRetryHint() {
        StepVerifier.create(ResumableStream.endingOn(Flux.just(ServerSentEvent.builder("last").build()),
                        Mono.never(), Duration.ofSeconds(3)))
                .assertNext(event -> assertThat(event.data()).isEqualTo("last"))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aStreamOpenedDuringShutdownOnlySaysWhenToReconnect() {
        StepVerifier.create(ResumableStream.endingOn(Flux.<ServerSentEvent<String>>never(), Mono.empty(),
                        Duration.ofSeconds(3)))
                .assertNext(event -> assertThat(event.retry()).isEqualTo(Duration.ofSeconds(3)))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }
}
