package dev.orders.platform.security;

import dev.orders.api.error.NotFoundException;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/** Operators find accounts and set their roles (the security rules keep everyone else out of /admin). */
@RestController
@LocalAccounts
@RequestMapping("/api/v1/admin/accounts")
public class AccountAdminController {

    private final Accounts accounts;

    AccountAdminController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    public Mono<AccountView> find(@RequestParam(required = false) String email) {
        if (email == null || email.isBlank() || email.length() > 254) {
            return Mono.error(new ServerWebInputException("email is required (at most 254 characters)"));
        }
        return accounts.findByEmail(email).map(Account::view)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("account", email)));
    }

    /** Replaces the account's roles; they take effect with its next token (login or refresh). */
    @PutMapping("/{id}/roles")
    public Mono<AccountView> grant(@PathVariable String id, @Valid @RequestBody RoleGrant grant) {
        return Mono.defer(() -> accounts.grant(accountId(id), grant.roles()).map(Account::view));
    }

    private static UUID accountId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ServerWebInputException("account id must be a UUID");
        }
    }
}
