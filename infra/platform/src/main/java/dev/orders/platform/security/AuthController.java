package dev.orders.platform.security;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.EnumSet;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Sign-up, login and token refresh for accounts this instance keeps. */
@RestController
@LocalAccounts
@RequestMapping("/api/v1/auth")
public class AuthController {

    private final Accounts accounts;

    AuthController(Accounts accounts) {
        this.accounts = accounts;
    }

    /** Every new account is a customer; operators grant other roles. */
    @PostMapping("/register")
    public Mono<ResponseEntity<AccountView>> register(@Valid @RequestBody Credentials credentials) {
        return accounts.register(credentials, EnumSet.of(Role.CUSTOMER))
                .map(account -> ResponseEntity.created(URI.create("/api/v1/auth/me")).body(account.view()));
    }

    @PostMapping("/login")
    public Mono<TokenPair> login(@Valid @RequestBody Credentials credentials) {
        return accounts.login(credentials);
    }

    @PostMapping("/refresh")
    public Mono<TokenPair> refresh(@Valid @RequestBody RefreshRequest request) {
        return accounts.refresh(request.refreshToken());
    }
}
