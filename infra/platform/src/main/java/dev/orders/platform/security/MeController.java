package dev.orders.platform.security;

import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Who the token belongs to, read from the token itself, so it works with an external identity provider too. */
@RestController
public class MeController {

    private final CallerIdentity callerIdentity;

    MeController(CallerIdentity callerIdentity) {
        this.callerIdentity = callerIdentity;
    }

    @GetMapping("/api/v1/auth/me")
    public Mono<AccountView> me(@AuthenticationPrincipal Jwt token) {
        return callerIdentity.caller().map(caller -> new AccountView(caller.id(),
                token == null ? null : token.getClaimAsString("email"),
                caller.roles().stream().map(Role::name).sorted().toList()));
    }
}
