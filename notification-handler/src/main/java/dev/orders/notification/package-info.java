/** Customer notifications (e-mail, webhooks) driven by the integration events on Kafka. */
package dev.orders.notification;
