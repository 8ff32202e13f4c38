package dev.orders.platform.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the first operator account at start, from {@code ORDERS_BOOTSTRAP_OPS_EMAIL} and
 * {@code ORDERS_BOOTSTRAP_OPS_PASSWORD}. The embedded default invents the password when none is given and prints it
 * once, when it creates the account. An existing account is left as it is (its password is never reset from here).
 */
@Component
@LocalAccounts
class OpsBootstrap implements ApplicationRunner {

    static final String DEFAULT_EMAIL = "ops@orders.local";

    private static final Logger log = LoggerFactory.getLogger(OpsBootstrap.class);

    private final Accounts accounts;
    private final SecurityProperties.Bootstrap settings;

    OpsBootstrap(Accounts accounts, SecurityProperties properties) {
        this.accounts = accounts;
        this.settings = properties.bootstrap();
        // Checked here so that a half-configured bootstrap stops start-up with one message.
        if (settings.opsEmail() != null && settings.opsPassword() == null && !settings.generate()) {
            throw new IllegalStateException("ORDERS_BOOTSTRAP_OPS_EMAIL is set but ORDERS_BOOTSTRAP_OPS_PASSWORD is not");
        }
        if (settings.opsPassword() != null) {
            Accounts.checkPassword(settings.opsPassword());
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        if (settings.opsEmail() == null && !settings.generate()) {
            log.info("No ORDERS_BOOTSTRAP_OPS_EMAIL: no operator account is created at start");
            return;
        }
        String email = settings.opsEmail() == null ? DEFAULT_EMAIL : settings.opsEmail();
        boolean generated = settings.opsPassword() == null;
        String password = generated ? generatePassword() : settings.opsPassword();
        Account existing = accounts.findByEmail(email).block();
        if (existing != null) {
            log.info("Operator account {} exists", email);
            return;
        }
        accounts.register(new Credentials(email, password), EnumSet.of(Role.OPS))
                .onErrorResume(dev.orders.api.error.ConflictException.class, e -> accounts.findByEmail(email))
                .block();
        if (generated) {
            // Printed once, to the console only: the operator needs it to log in the first time.
            System.out.println("""

                    ================================================================
                     Operator account created: %s
                     Password (shown once):    %s
                    ================================================================
                    """.formatted(email, password));
        } else {
            log.info("Operator account {} created", email);
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
