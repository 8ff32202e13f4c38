package dev.orders.notification;

import dev.orders.notification.MessageRenderer.EmailMessage;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Sends e-mail over SMTP. Spring's mail sender blocks, so every send runs on this channel's own small pool, never on
 * an event-loop thread. Without {@code spring.mail.host} there is no sender and the channel is off.
 */
class MailChannel implements DisposableBean {

    private static final int THREADS = 4;
    private static final int MAX_QUEUED = 10_000;

    private final JavaMailSender sender;
    private final NotificationProperties.Mail settings;
    private final Scheduler scheduler;

    /** @param sender null when no SMTP server is configured */
    MailChannel(JavaMailSender sender, NotificationProperties.Mail settings) {
        this.sender = sender;
        this.settings = settings;
        this.scheduler = Schedulers.newBoundedElastic(THREADS, MAX_QUEUED, "orders-mail", 60, true);
        if (sender instanceof JavaMailSenderImpl impl) {
            limitTime(impl, settings.timeout());
        }
    }

    boolean isEnabled() {
        return sender != null;
    }

    /**
     * Sends one message; completes with the number of attempts made, or fails with a {@link DeliveryFailedException}.
     * Only failures of the server or the connection are retried; a refused address is final.
     */
    Mono<Integer> send(String to, EmailMessage message) {
        if (sender == null) {
            return Mono.error(new IllegalStateException("the e-mail channel is off"));
        }
        AtomicInteger attempts = new AtomicInteger();
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(settings.from());
        mail.setTo(to);
        mail.setSubject(message.subject());
        mail.setText(message.body());
        return Mono.fromRunnable(() -> {
                    attempts.incrementAndGet();
                    sender.send(mail);
                })
                .subscribeOn(scheduler)
                .retryWhen(Retry.backoff(Math.max(0, settings.maxAttempts() - 1), settings.backoff())
                        .filter(MailSendException.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .then(Mono.fromSupplier(attempts::get))
                .onErrorMap(failure -> new DeliveryFailedException("e-mail to " + to + " failed after "
                        + attempts.get() + (attempts.get() == 1 ? " attempt: " : " attempts: ")
                        + failure.getMessage(), failure, attempts.get()));
    }

    /** JavaMail waits forever by default; a hung SMTP server must not hold a record (and a thread) for good. */
    private static void limitTime(JavaMailSenderImpl impl, Duration timeout) {
        Properties properties = new Properties();
        properties.putAll(impl.getJavaMailProperties());
        String millis = Long.toString(timeout.toMillis());
        for (String protocol : new String[] {"smtp", "smtps"}) {
            properties.putIfAbsent("mail." + protocol + ".connectiontimeout", millis);
            properties.putIfAbsent("mail." + protocol + ".timeout", millis);
            properties.putIfAbsent("mail." + protocol + ".writetimeout", millis);
        }
        impl.setJavaMailProperties(properties);
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
