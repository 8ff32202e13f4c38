package dev.orders.notification;

import dev.orders.notification.ContactStore.Contact;
import dev.orders.notification.NotificationLog.Claim;
import dev.orders.platform.persistence.JdbcScheduler;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * Notifies a customer of one event on every channel: looks up the contact, claims each (event, channel) in the
 * notification log, sends, and settles the log row. A channel that was settled before (a redelivered event) sends
 * nothing. Delivery failures are part of the result, not errors; errors mean the database could not be used.
 * Database work and logging run on the JDBC scheduler, never on an event-loop thread.
 */
@ConditionalOnRole(InstanceRole.NOTIFICATION)
@Component
class NotificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final Duration BUSY_POLL = Duration.ofMillis(500);
    private static final Duration RECORD_RETRY = Duration.ofMillis(500);

    private final ContactStore contacts;
    private final NotificationLog notificationLog;
    private final MailChannel mail;
    private final WebhookClient webhooks;
    private final Scheduler jdbc;
    private final Duration lease;

    NotificationDispatcher(ContactStore contacts, NotificationLog notificationLog, MailChannel mail,
                           WebhookClient webhooks, JdbcScheduler jdbcScheduler, NotificationProperties properties) {
        this.contacts = contacts;
        this.notificationLog = notificationLog;
        this.mail = mail;
        this.webhooks = webhooks;
        this.jdbc = jdbcScheduler.scheduler();
        this.lease = properties.consumer().claimTimeout();
    }

    Mono<DispatchResult> dispatch(OrderNotice notice) {
        return blocking(() -> contacts.findForDelivery(notice.customerId()))
                .flatMap(found -> {
                    Contact contact = found.orElse(null);
                    return Flux.merge(email(notice, contact), webhook(notice, contact)).collectList();
                })
                .map(DispatchResult::new);
    }

    private Mono<ChannelOutcome> email(OrderNotice notice, Contact contact) {
        if (contact == null || contact.email() == null) {
            return skip(notice, Channel.EMAIL, contact == null ? "customer has no contact information"
                    : "no e-mail address registered");
        }
        if (!mail.isEnabled()) {
            return skip(notice, Channel.EMAIL, "e-mail channel is off (spring.mail.host is not set)");
        }
        return deliver(notice, Channel.EMAIL, contact.email(),
                () -> mail.send(contact.email(), MessageRenderer.render(notice)));
    }

    private Mono<ChannelOutcome> webhook(OrderNotice notice, Contact contact) {
        if (contact == null || contact.webhookUrl() == null) {
            return skip(notice, Channel.WEBHOOK, contact == null ? "customer has no contact information"
                    : "no webhook URL registered");
        }
        return deliver(notice, Channel.WEBHOOK, contact.webhookUrl(),
                () -> webhooks.post(contact.webhookUrl(), contact.webhookSecret(), notice,
                        WebhookPayload.body(notice)));
    }

    private Mono<ChannelOutcome> skip(OrderNotice notice, Channel channel, String reason) {
        return claim(() -> notificationLog.skip(notice, channel, reason))
                .map(claim -> {
                    if (claim instanceof Claim.Claimed) {
                        log.info("{} for order {} (event {}): {} skipped, {}", shortType(notice), notice.orderId(),
                                notice.eventId(), channel, reason);
                        return new ChannelOutcome(channel, DeliveryStatus.SKIPPED, null);
                    }
                    return settledBefore(notice, channel, claim);
                });
    }

    private Mono<ChannelOutcome> deliver(OrderNotice notice, Channel channel, String recipient,
                                         Supplier<Mono<Integer>> send) {
        return claim(() -> notificationLog.claim(notice, channel, recipient, lease))
                .flatMap(claim -> {
                    if (!(claim instanceof Claim.Claimed claimed)) {
                        return Mono.just(settledBefore(notice, channel, claim));
                    }
                    long id = claimed.id();
                    return Mono.defer(send)
                            .onErrorMap(failure -> !(failure instanceof DeliveryFailedException),
                                    failure -> new DeliveryFailedException(channel + " delivery failed: " + failure,
                                            failure, 0))
                            .flatMap(attempts -> blocking(() -> {
                                notificationLog.finish(id, DeliveryStatus.SENT, attempts, null);
                                log.info("{} for order {} (event {}): {} sent to {} ({} attempt(s))",
                                        shortType(notice), notice.orderId(), notice.eventId(), channel, recipient,
                                        attempts);
                                return new ChannelOutcome(channel, DeliveryStatus.SENT, null);
                            }).retryWhen(whileClaimHolds()))
                            .onErrorResume(DeliveryFailedException.class, failure -> blocking(() -> {
                                notificationLog.finish(id, DeliveryStatus.FAILED, failure.attempts(),
                                        failure.getMessage());
                                log.warn("{} for order {} (event {}): {} to {} failed: {}", shortType(notice),
                                        notice.orderId(), notice.eventId(), channel, recipient, failure.getMessage());
                                return new ChannelOutcome(channel, DeliveryStatus.FAILED, failure);
                            }))
                            .doOnCancel(() -> release(id));
                });
    }

    /**
     * Recording a delivery that went out is retried while the claim holds: should the database be away for a moment
     * (a restart), giving up would let a redelivery claim the row once the lease ran out and send it a second time.
     */
    private Retry whileClaimHolds() {
        return Retry.fixedDelay(Math.max(1, lease.toMillis() / RECORD_RETRY.toMillis() - 1), RECORD_RETRY)
                .filter(DataAccessException.class::isInstance)
                .doBeforeRetry(signal -> log.warn("Recording a sent notification failed, trying again: {}",
                        signal.failure().getMessage()))
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    /** Claims, polling while another consumer holds the claim (it settles it, or its lease runs out). */
    private Mono<Claim> claim(Callable<Claim> attempt) {
        long polls = lease.toMillis() / BUSY_POLL.toMillis() + 10;
        return blocking(attempt)
                .flatMap(claim -> claim instanceof Claim.Busy ? Mono.error(new ClaimBusyException())
                        : Mono.just(claim))
                .retryWhen(Retry.fixedDelay(polls, BUSY_POLL)
                        .filter(ClaimBusyException.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    private ChannelOutcome settledBefore(OrderNotice notice, Channel channel, Claim claim) {
        log.info("{} for order {} (event {}): {} already handled ({}), nothing sent", shortType(notice),
                notice.orderId(), notice.eventId(), channel,
                claim instanceof Claim.Settled settled ? settled.status() : claim);
        return new ChannelOutcome(channel, null, null);
    }

    /** Shutting down mid-send: let a redelivery claim the row at once instead of after the lease. */
    private void release(long id) {
        blocking(() -> {
            notificationLog.release(id);
            return id;
        }).subscribe(released -> { }, failure -> log.debug("Could not release claim {}", id, failure));
    }

    private <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(jdbc);
    }

    private static String shortType(OrderNotice notice) {
        return notice.eventType().substring(notice.eventType().lastIndexOf('.') + 1);
    }

    /**
     * What happened on one channel.
     *
     * @param status  null when an earlier delivery of the same event had settled the channel already
     * @param failure set when the status is FAILED
     */
    record ChannelOutcome(Channel channel, DeliveryStatus status, DeliveryFailedException failure) {
    }

    /** The outcome on every channel. */
    record DispatchResult(List<ChannelOutcome> channels) {

        Optional<DeliveryFailedException> firstFailure() {
            return channels.stream().map(ChannelOutcome::failure).filter(failure -> failure != null).findFirst();
        }
    }

    /** Another consumer is delivering the same event on the channel right now. */
    static final class ClaimBusyException extends RuntimeException {

        ClaimBusyException() {
            super("another consumer is delivering the same event", null, false, false);
        }
    }
}
