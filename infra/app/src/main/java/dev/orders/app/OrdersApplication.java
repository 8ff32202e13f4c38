package dev.orders.app;

import dev.orders.app.export.EventExportCommand;
import java.util.Arrays;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The one runnable artifact. It runs the roles {@code orders.roles} names (all by default); running all of them
 * without external services configured, it runs the embedded default.
 */
@SpringBootApplication(scanBasePackages = "dev.orders")
public class OrdersApplication {

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("export-events")) {
            // A client of a running instance: no Spring context, no database.
            System.exit(EventExportCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("payment-simulator")) {
            System.exit(PaymentSimulatorCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv()));
        }
        // Axon 4.13 otherwise phones a vendor host at start and writes to ~/.axoniq.
        System.setProperty("axoniq.update-checker.disabled", "true");
        EmbeddedDefault embedded = EmbeddedDefault.startWhatIsMissing(System.getenv(), args);
        SpringApplication application = new SpringApplication(OrdersApplication.class);
        application.setDefaultProperties(embedded.properties());
        // Registered before any bean, so the context destroys it last: the embedded services stop only after the
        // event processors (the Kafka publisher among them), producers and connection pools are gone.
        application.addInitializers(context -> ((DefaultSingletonBeanRegistry) context.getBeanFactory())
                .registerDisposableBean("embeddedDefault", embedded::close));
        try {
            application.run(args);
        } catch (RuntimeException | Error e) {
            embedded.close();
            throw e;
        }
    }
}
