package dev.orders.app;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What BlockHound (installed for the whole test run by blockhound-junit-platform) lets pass on non-blocking
 * threads: one-off initialisations only, never the request path's own I/O.
 */
public final class OrdersBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // Hibernate Validator reads its message bundle from a jar on first use.
        builder.allowBlockingCallsInside(
                "org.hibernate.validator.resourceloading.PlatformResourceBundleLocator", "loadBundle");
        // Jackson builds a type's deserializer once, under a short lock.
        builder.allowBlockingCallsInside(
                "tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer");
        // A finished span goes into a lock-free queue; only when a full batch is waiting does it wake the exporting
        // thread, through a one-slot queue whose lock is held for an instant. Exporting runs on that thread.
        builder.allowBlockingCallsInside(
                "io.opentelemetry.sdk.trace.export.BatchSpanProcessor$Worker", "addSpan");
    }
}
