package dev.orders.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ContactRequestTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private static Set<String> invalidFields(String email, String webhookUrl) {
        return VALIDATOR.validate(new ContactRequest(email, webhookUrl)).stream()
                .map(ConstraintViolation::getPropertyPath).map(Object::toString).collect(Collectors.toSet());
    }

    @Test
    void acceptsAddressesAndHttpOrHttpsUrlsAndNothingAtAll() {
        assertThat(invalidFields("alice@example.com", "https://hooks.example.com/orders?k=1")).isEmpty();
        assertThat(invalidFields("orders@localhost", "http://127.0.0.1:8080/hook")).isEmpty();
        assertThat(invalidFields(null, null)).isEmpty();
    }

    @Test
    void refusesMalformedAddresses() {
        assertThat(invalidFields("alice", null)).containsExactly("email");
        assertThat(invalidFields("", null)).containsExactly("email");
        assertThat(invalidFields("a b@example.com", null)).containsExactly("email");
    }

    @Test
    void refusesUrlsThatAreNotAbsoluteHttp() {
        assertThat(invalidFields(null, "ftp://example.com/hook")).containsExactly("webhookUrl");
        assertThat(invalidFields(null, "/relative/hook")).containsExactly("webhookUrl");
        assertThat(invalidFields(null, "https://")).containsExactly("webhookUrl");
        assertThat(invalidFields(null, "http://exa mple.com/")).containsExactly("webhookUrl");
        assertThat(invalidFields(null, "javascript:alert(1)")).containsExactly("webhookUrl");
    }
}
