package dev.orders.platform.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * How tokens are verified: this instance's own HS256 tokens, or an external identity provider's through its JWKS.
 * Only one of the two is trusted at a time, so a token of the other kind is refused.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class JwtConfiguration {

    @Bean
    public ReactiveJwtDecoder jwtDecoder(SecurityProperties properties) {
        SecurityProperties.Jwt jwt = properties.jwt();
        NimbusReactiveJwtDecoder decoder;
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator());
        if (jwt.external()) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwt.jwksUri().toString()).build();
            if (jwt.jwksIssuer() != null) {
                validators.add(new JwtIssuerValidator(jwt.jwksIssuer()));
            }
        } else {
            decoder = NimbusReactiveJwtDecoder
                    .withSecretKey(new SecretKeySpec(jwt.requireSecret(), "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
            validators.add(new JwtIssuerValidator(jwt.issuer()));
        }
        decoder.setJwtValidator(validators.size() == 1 ? JwtValidators.createDefault()
                : new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    /** Only when this instance issues tokens itself; with an external provider there is no local secret. */
    @Bean
    @LocalAccounts
    public AccessTokens accessTokens(SecurityProperties properties) {
        return new AccessTokens(properties.jwt().requireSecret(), properties.jwt().issuer(),
                properties.accessTokenTtl(), Clock.systemUTC());
    }

    /** Turns the roles claim into {@code ROLE_*} authorities; the principal's name is the subject. */
    static Converter<Jwt, Mono<AbstractAuthenticationToken>> authenticationConverter(String rolesClaim) {
        return token -> Mono.just(new JwtAuthenticationToken(token, authorities(token.getClaim(rolesClaim)),
                token.getSubject()));
    }

    private static Collection<GrantedAuthority> authorities(Object claim) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                Role.parse(String.valueOf(value)).ifPresent(role -> authorities.add(
                        new SimpleGrantedAuthority(role.authority())));
            }
        } else if (claim instanceof String value) {
            for (String part : value.split("[ ,]+")) {
                Role.parse(part).ifPresent(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
            }
        }
        return authorities;
    }
}
