package dev.orders.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/** The one runnable artifact. Without external services configured it runs the embedded default. */
@SpringBootApplication(scanBasePackages = "dev.orders")
public class OrdersApplication {

    public static void main(String[] args) {
        // Axon 4.13 otherwise phones a vendor host at start and writes to ~/.axoniq.
        System.setProperty("axoniq.update-checker.disabled", "true");
        EmbeddedDefault embedded = EmbeddedDefault.startWhatIsMissing(System.getenv(), args);
        SpringApplication application = new SpringApplication(OrdersApplication.class);
        application.setDefaultProperties(embedded.properties());
        application.addListeners((ApplicationListener<ContextClosedEvent>) event -> embedded.close());
        application.run(args);
    }
}
