package dev.orders.notification;

import dev.orders.api.error.NotFoundException;
import dev.orders.platform.roles.ConditionalOnRole;
import dev.orders.platform.roles.InstanceRole;
import dev.orders.platform.security.CallerIdentity;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * Where a customer's order notifications go: an e-mail address, a webhook URL, or both. A customer manages only their
 * own contact (another customer id in the path is refused); operators and analysts may read any.
 */
@ConditionalOnRole(InstanceRole.NOTIFICATION)
@RestController
@RequestMapping("/api/v1/notifications/contacts")
public class ContactController {

    static final int MAX_CUSTOMER_ID_LENGTH = 100;

    private final ContactStore contacts;
    private final CallerIdentity callerIdentity;

    ContactController(ContactStore contacts, CallerIdentity callerIdentity) {
        this.contacts = contacts;
        this.callerIdentity = callerIdentity;
    }

    /**
     * Registers or replaces the customer's addresses. The answer carries the secret that signs the customer's
     * webhook requests: generated on the first registration, the same on every later one, and shown only here.
     */
    @PutMapping("/{customerId}")
    public Mono<RegisteredContact> register(@PathVariable String customerId,
                                            @Valid @RequestBody ContactRequest request) {
        return Mono.fromCallable(() -> checked(customerId))
                .flatMap(requested -> callerIdentity.caller().map(caller -> caller.actingCustomer(requested)))
                .flatMap(customer -> contacts.save(customer, request.email(), request.webhookUrl()));
    }

    @GetMapping("/{customerId}")
    public Mono<ContactView> get(@PathVariable String customerId) {
        return Mono.fromCallable(() -> checked(customerId))
                .flatMap(requested -> callerIdentity.caller().map(caller -> caller.readScope(requested).orElseThrow()))
                .flatMap(customer -> contacts.find(customer)
                        .switchIfEmpty(Mono.error(() -> new NotFoundException("Contact of customer", customer))));
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
