package dev.orders.notification;

import dev.orders.api.error.NotFoundException;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/** Where a customer's order notifications go: an e-mail address, a webhook URL, or both. */
@RestController
@RequestMapping("/api/v1/notifications/contacts")
public class ContactController {

    static final int MAX_CUSTOMER_ID_LENGTH = 100;

    private final ContactStore contacts;

    ContactController(ContactStore contacts) {
        this.contacts = contacts;
    }

    /**
     * Registers or replaces the customer's addresses. The answer carries the secret that signs the customer's
     * webhook requests: generated on the first registration, the same on every later one, and shown only here.
     */
    @PutMapping("/{customerId}")
    public Mono<RegisteredContact> register(@PathVariable String customerId,
                                            @Valid @RequestBody ContactRequest request) {
        return contacts.save(checked(customerId), request.email(), request.webhookUrl());
    }

    @GetMapping("/{customerId}")
    public Mono<ContactView> get(@PathVariable String customerId) {
        return contacts.find(checked(customerId))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("Contact of customer", customerId)));
    }

    /**
     * Checked by hand: a constraint on the path variable would switch Spring to method validation, which reports the
     * body's field errors without naming the fields.
     */
    private static String checked(String customerId) {
        if (customerId.isBlank() || customerId.length() > MAX_CUSTOMER_ID_LENGTH) {
            throw new ServerWebInputException("customerId must have 1 to " + MAX_CUSTOMER_ID_LENGTH + " characters");
        }
        return customerId;
    }
}
