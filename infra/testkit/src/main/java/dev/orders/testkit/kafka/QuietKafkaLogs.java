package dev.orders.testkit.kafka;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * The broker logs hundreds of lines at INFO and thousands at DEBUG, which is where Logback stands before anything
 * configures it (tests without Spring, the embedded default before Spring starts). Loggers someone configured are
 * left alone; Spring Boot's {@code logging.level.*} settings apply once it initialises logging.
 */
final class QuietKafkaLogs {

    private static final String[] BROKER_LOGGERS = {"kafka", "org.apache.kafka", "state.change.logger"};

    private QuietKafkaLogs() {
    }

    static void apply() {
        try {
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
                for (String name : BROKER_LOGGERS) {
                    ch.qos.logback.classic.Logger logger = context.getLogger(name);
                    if (logger.getLevel() == null) {
                        logger.setLevel(Level.WARN);
                    }
                }
            }
        } catch (LinkageError noLogback) {
            // Another logging backend: its own configuration decides.
        }
    }
}
