package dev.orders.notification;

/** What became of one notification on one channel. */
public enum DeliveryStatus {
    /** Delivered: the SMTP server took the message, or the webhook endpoint answered 2xx. */
    SENT,
    /** Nothing to deliver: no address for the channel, or the channel is off. */
    SKIPPED,
    /** Not delivered after the retry policy; the event went to the dead-letter topic. */
    FAILED
}
