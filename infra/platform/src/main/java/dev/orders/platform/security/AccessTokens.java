package dev.orders.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Signs this instance's HS256 access tokens: subject = account id, the account's roles in {@code roles}. */
public final class AccessTokens {

    private final JwtEncoder encoder;
    private final String issuer;
    private final Duration ttl;
    private final Clock clock;

    public AccessTokens(byte[] secret, String issuer, Duration ttl, Clock clock) {
        this.encoder = NimbusJwtEncoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256")).build();
        this.issuer = issuer;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A signed token for the account. */
    public String issue(String accountId, String email, Collection<Role> roles) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(accountId)
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim("roles", roles.stream().map(Role::name).sorted().toList());
        if (email != null) {
            claims.claim("email", email);
        }
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).type("JWT").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }

    public Duration ttl() {
        return ttl;
    }
}
