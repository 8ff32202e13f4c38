package dev.orders.app;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * For application instances a test starts and stops itself: Reactor Netty's event loops and connection pools are
 * JVM-wide by default, and closing a context disposes them, which would cut off the shared application context the
 * other tests in this JVM use.
 */
@Configuration(proxyBeanMethods = false)
class PrivateNettyResources {

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }
}
