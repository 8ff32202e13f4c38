package dev.orders.app;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a {@link StartupSettingsException} as Boot's short "APPLICATION FAILED TO START" text, without a trace. */
final class StartupSettingsFailureAnalyzer extends AbstractFailureAnalyzer<StartupSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartupSettingsException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
