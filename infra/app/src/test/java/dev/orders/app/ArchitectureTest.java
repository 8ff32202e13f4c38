package dev.orders.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.orders.platform.roles.ConditionalOnRole;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.spring.stereotype.Aggregate;
import org.axonframework.spring.stereotype.Saga;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/** The module rules of the design: who may depend on whom, and how little a feature module shows. */
class ArchitectureTest {

    private static final String[] FEATURES = {"inventory", "order", "query", "payment", "notification"};

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.orders");
    }

    @Test
    void apiDependsOnNothingOfOurs() {
        classes().that().resideInAPackage("dev.orders.api..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages(
                        "dev.orders.platform..", "dev.orders.testkit..", "dev.orders.app..",
                        "dev.orders.inventory..", "dev.orders.order..", "dev.orders.query..",
                        "dev.orders.payment..", "dev.orders.notification..")
                .check(classes);
    }

    @Test
    void apiHasNoSpring() {
        noClasses().that().resideInAPackage("dev.orders.api..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(classes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inventory", "order", "query", "payment", "notification"})
    void featureModuleDependsOnlyOnApiAndPlatform(String feature) {
        String[] others = java.util.Arrays.stream(FEATURES)
                .filter(other -> !other.equals(feature))
                .map(other -> "dev.orders." + other + "..")
                .toArray(String[]::new);
        noClasses().that().resideInAPackage("dev.orders." + feature + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.orders.app..", "dev.orders.testkit..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void platformDependsOnNoFeatureModule() {
        noClasses().that().resideInAPackage("dev.orders.platform..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.orders.inventory..", "dev.orders.order..", "dev.orders.query..",
                        "dev.orders.payment..", "dev.orders.notification..", "dev.orders.app..",
                        "dev.orders.testkit..")
                .check(classes);
    }

    @Test
    void nothingDependsOnTheApp() {
        noClasses().that().resideOutsideOfPackage("dev.orders.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.orders.app..")
                .check(classes);
    }

    /**
     * A role that is off must start none of its parts, so every Spring component of a feature module says which
     * roles it belongs to. Configuration classes may stay ungated: they declare the module's schema, which every
     * instance migrates, and gate their other beans one by one.
     */
    @Test
    void everyFeatureComponentBelongsToARole() {
        classes().that().resideInAnyPackage("dev.orders.inventory..", "dev.orders.order..", "dev.orders.query..",
                        "dev.orders.payment..", "dev.orders.notification..")
                .and().areMetaAnnotatedWith(Component.class)
                .and().areNotMetaAnnotatedWith(Configuration.class)
                .should().beAnnotatedWith(ConditionalOnRole.class)
                .check(classes);
    }

    @Test
    void aggregatesAreNotPublic() {
        classes().that().areAnnotatedWith(Aggregate.class).should().notBePublic().check(classes);
    }

    /**
     * Axon 4 instantiates sagas reflectively without making the constructor accessible, so a saga class must be
     * public; what it must not do is expose its state or handlers to other code.
     */
    @Test
    void sagasExposeNeitherStateNorHandlers() {
        fields().that().areDeclaredInClassesThat().areAnnotatedWith(Saga.class).should().notBePublic()
                .check(classes);
        methods().that().areDeclaredInClassesThat().areAnnotatedWith(Saga.class).should().notBePublic()
                .check(classes);
    }

    @Test
    void eventHandlersAndProjectionsAreNotPublic() {
        classes().that().haveSimpleNameNotEndingWith("Test")
                .and().areNotAnnotatedWith(Saga.class)
                .and().containAnyMethodsThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "handles events",
                        method -> method.isAnnotatedWith(org.axonframework.eventhandling.EventHandler.class)
                                || method.isAnnotatedWith(SagaEventHandler.class)))
                .should().notBePublic()
                .check(classes);
    }
}
