package dev.orders.platform.security;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The caller is the verified token's subject with the roles it grants. */
@Component
public class TokenCallerIdentity implements CallerIdentity {

    @Override
    public Mono<Caller> caller() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(TokenCallerIdentity::toCaller)
                .switchIfEmpty(Mono.error(() -> new AuthenticationCredentialsNotFoundException("No token")));
    }

    private static Caller toCaller(Authentication authentication) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            Role.parse(authority.getAuthority()).ifPresent(roles::add);
        }
        return new Caller(authentication.getName(), roles);
    }
}
