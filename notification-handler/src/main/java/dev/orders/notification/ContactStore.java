package dev.orders.notification;

import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import io.r2dbc.spi.Readable;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The customers' contacts in {@code notification.contacts}. The HTTP side reads and writes without blocking
 * (R2DBC); the consumer looks contacts up with JDBC on the JDBC scheduler, like the rest of its database work.
 */
@ConditionalOnRole(InstanceRole.NOTIFICATION)
@Component
class ContactStore {

    private static final int SECRET_BYTES = 32;

    /** The secret is only inserted: a later registration keeps the first one. */
    private static final String SAVE = """
            INSERT INTO notification.contacts (customer_id, email, webhook_url, webhook_secret, created_at, updated_at)
            VALUES (:customerId, :email, :webhookUrl, :secret, now(), now())
            ON CONFLICT (customer_id) DO UPDATE SET
                email = EXCLUDED.email, webhook_url = EXCLUDED.webhook_url, updated_at = EXCLUDED.updated_at
            RETURNING customer_id, email, webhook_url, webhook_secret
            """;

    private static final String FIND = """
            SELECT customer_id, email, webhook_url, webhook_secret FROM notification.contacts
             WHERE customer_id = :customerId
            """;

    private final DatabaseClient database;
    private final NamedParameterJdbcTemplate jdbc;
    private final SecureRandom random;

    ContactStore(DatabaseClient database, NamedParameterJdbcTemplate jdbc) {
        this.database = database;
        this.jdbc = jdbc;
        this.random = seededRandom();
    }

    /** Registers or replaces the customer's addresses; answers with the (first) webhook secret. */
    Mono<RegisteredContact> save(String customerId, String email, String webhookUrl) {
        DatabaseClient.GenericExecuteSpec spec = database.sql(SAVE)
                .bind("customerId", customerId)
                .bind("secret", newSecret());
        spec = email == null ? spec.bindNull("email", String.class) : spec.bind("email", email);
        spec = webhookUrl == null ? spec.bindNull("webhookUrl", String.class) : spec.bind("webhookUrl", webhookUrl);
        return spec.map(row -> new RegisteredContact(row.get("customer_id", String.class),
                        row.get("email", String.class), row.get("webhook_url", String.class),
                        row.get("webhook_secret", String.class)))
                .one();
    }

    Mono<ContactView> find(String customerId) {
        return database.sql(FIND)
                .bind("customerId", customerId)
                .map(ContactStore::view)
                .one();
    }

    /** Blocking: for the consumer, on the JDBC scheduler. */
    Optional<Contact> findForDelivery(String customerId) {
        List<Contact> found = jdbc.query(FIND, Map.of("customerId", customerId),
                (row, index) -> new Contact(row.getString("email"), row.getString("webhook_url"),
                        row.getString("webhook_secret")));
        return found.stream().findFirst();
    }

    /** 32 random bytes, base64url without padding (43 characters). */
    String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        synchronized (random) {
            random.nextBytes(bytes);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static ContactView view(Readable row) {
        return new ContactView(row.get("customer_id", String.class), row.get("email", String.class),
                row.get("webhook_url", String.class));
    }

    /**
     * Seeded once, here, at start-up: the default generator reads the OS entropy source on every call, which is a
     * blocking file read on the event loop; a DRBG reads it only when seeding.
     */
    private static SecureRandom seededRandom() {
        SecureRandom random;
        try {
            random = SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            random = new SecureRandom();
        }
        random.nextBytes(new byte[SECRET_BYTES]);
        return random;
    }

    /** What the consumer needs to reach a customer; null fields are channels the customer did not set up. */
    record Contact(String email, String webhookUrl, String webhookSecret) {
    }
}
