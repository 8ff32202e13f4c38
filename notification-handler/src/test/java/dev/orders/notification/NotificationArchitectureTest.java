package dev.orders.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RestController;

/** The module reads Kafka like any outside consumer and shows only its configuration and HTTP entry points. */
class NotificationArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.orders.notification");
    }

    @Test
    void usesNoAxon() {
        noClasses().that().resideInAPackage("dev.orders.notification..")
                .should().dependOnClassesThat().resideInAPackage("org.axonframework..")
                .check(classes);
    }

    @Test
    void handlersAndStoresAreNotPublic() {
        classes().that().resideInAPackage("dev.orders.notification..")
                .and().areAnnotatedWith(Component.class).and().areNotAnnotatedWith(RestController.class)
                .should().notBePublic()
                .check(classes);
        classes().that().resideInAPackage("dev.orders.notification..").and().implement(SmartLifecycle.class)
                .should().notBePublic()
                .check(classes);
    }

    @Test
    void reactorKafkaStaysInTheConsumerAndTheDeadLetterPublisher() {
        noClasses().that().resideInAPackage("dev.orders.notification..")
                .and().doNotHaveSimpleName("NotificationConsumer").and().doNotHaveSimpleName("DeadLetterPublisher")
                .should().dependOnClassesThat().resideInAPackage("reactor.kafka..")
                .check(classes);
    }
}
