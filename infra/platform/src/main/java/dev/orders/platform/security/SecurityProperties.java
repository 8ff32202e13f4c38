package dev.orders.platform.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Accounts, tokens and the edge limits. Everything is settable by environment variable (see the README); the
 * secrets have no default and are checked at start.
 *
 * @param jwt             how tokens are signed and verified
 * @param accessTokenTtl  lifetime of an access token
 * @param refreshTokenTtl lifetime of a refresh token (each is used once; using it issues a new one)
 * @param bcryptStrength  log2 of the bcrypt rounds for stored passwords
 * @param bootstrap       the first operator account
 * @param cors            which browser origins may call the API
 * @param rateLimit       per-caller request budgets
 * @param loginThrottle   how failed logins slow down guessing
 * @param maxRequestBody  the largest request body accepted (413 beyond)
 */
@ConfigurationProperties("orders.security")
public record SecurityProperties(Jwt jwt, Duration accessTokenTtl, Duration refreshTokenTtl, Integer bcryptStrength,
                                 Bootstrap bootstrap, Cors cors, RateLimit rateLimit, LoginThrottle loginThrottle,
                                 DataSize maxRequestBody) {

    /** HS256 needs a key of at least 256 bits. */
    static final int MIN_SECRET_BYTES = 32;

    public SecurityProperties {
        jwt = jwt == null ? new Jwt(null, null, null, null, null) : jwt;
        accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
        refreshTokenTtl = refreshTokenTtl == null ? Duration.ofDays(30) : refreshTokenTtl;
        bcryptStrength = bcryptStrength == null ? 10 : bcryptStrength;
        if (bcryptStrength < 4 || bcryptStrength > 31) {
            throw new IllegalStateException("orders.security.bcrypt-strength must be between 4 and 31");
        }
        bootstrap = bootstrap == null ? new Bootstrap(null, null, false) : bootstrap;
        cors = cors == null ? new Cors(List.of()) : cors;
        rateLimit = rateLimit == null ? new RateLimit(null, null, null) : rateLimit;
        loginThrottle = loginThrottle == null ? new LoginThrottle(null, null, null) : loginThrottle;
        maxRequestBody = maxRequestBody == null ? DataSize.ofKilobytes(64) : maxRequestBody;
    }

    /**
     * @param secret     the HS256 key ({@code ORDERS_JWT_SECRET}), at least 32 bytes; required unless {@code jwksUri}
     * @param jwksUri    an external identity provider's key set ({@code ORDERS_JWT_JWKS_URI}); tokens then come from it
     * @param issuer     the {@code iss} of the tokens this instance issues, and requires of HS256 tokens
     * @param jwksIssuer the {@code iss} required of the identity provider's tokens, when set
     * @param rolesClaim the claim that lists an external token's roles
     */
    public record Jwt(String secret, URI jwksUri, String issuer, String jwksIssuer, String rolesClaim) {

        public Jwt {
            secret = blankToNull(secret);
            issuer = blankToNull(issuer) == null ? "orders" : issuer;
            jwksIssuer = blankToNull(jwksIssuer);
            rolesClaim = blankToNull(rolesClaim) == null ? "roles" : rolesClaim;
            if (jwksUri != null && jwksUri.toString().isBlank()) {
                jwksUri = null;
            }
        }

        /** Tokens come from an external identity provider rather than from this instance's login. */
        public boolean external() {
            return jwksUri != null;
        }

        /** The HS256 key; stops start-up with one clear message when it is missing or too short. */
        byte[] requireSecret() {
            if (secret == null) {
                throw new IllegalStateException("ORDERS_JWT_SECRET (orders.security.jwt.secret) is not set: set it to a"
                        + " random value of at least " + MIN_SECRET_BYTES + " bytes, or set ORDERS_JWT_JWKS_URI");
            }
            byte[] key = secret.getBytes(StandardCharsets.UTF_8);
            if (key.length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("ORDERS_JWT_SECRET (orders.security.jwt.secret) is " + key.length
                        + " bytes; HS256 needs at least " + MIN_SECRET_BYTES);
            }
            return key;
        }
    }

    /**
     * @param opsEmail    e-mail of the first operator ({@code ORDERS_BOOTSTRAP_OPS_EMAIL})
     * @param opsPassword its password ({@code ORDERS_BOOTSTRAP_OPS_PASSWORD})
     * @param generate    invent a password and print it once when none is given (the embedded default does)
     */
    public record Bootstrap(String opsEmail, String opsPassword, boolean generate) {

        public Bootstrap {
            opsEmail = blankToNull(opsEmail);
            opsPassword = blankToNull(opsPassword);
        }
    }

    /** @param allowedOrigins origins allowed to call the API from a browser ({@code ORDERS_CORS_ALLOWED_ORIGINS}) */
    public record Cors(List<String> allowedOrigins) {

        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of()
                    : allowedOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
        }
    }

    /**
     * @param writesPerSecond sustained writes (POST, PUT, PATCH, DELETE) per caller, per IP when anonymous
     * @param writeBurst      writes a caller may send at once before the sustained rate applies
     * @param loginsPerMinute login, register and refresh attempts per IP
     */
    public record RateLimit(Double writesPerSecond, Integer writeBurst, Integer loginsPerMinute) {

        public RateLimit {
            writesPerSecond = writesPerSecond == null ? 20.0 : writesPerSecond;
            writeBurst = writeBurst == null ? 40 : writeBurst;
            loginsPerMinute = loginsPerMinute == null ? 30 : loginsPerMinute;
            if (writesPerSecond <= 0 || writeBurst < 1 || loginsPerMinute < 1) {
                throw new IllegalStateException("orders.security.rate-limit values must be positive");
            }
        }
    }

    /**
     * @param freeFailures failed logins of one e-mail address before it is locked
     * @param firstLock    the first lock; each further failure doubles it
     * @param maxLock      the longest lock
     */
    public record LoginThrottle(Integer freeFailures, Duration firstLock, Duration maxLock) {

        public LoginThrottle {
            freeFailures = freeFailures == null ? 5 : freeFailures;
            firstLock = firstLock == null ? Duration.ofSeconds(1) : firstLock;
            maxLock = maxLock == null ? Duration.ofMinutes(15) : maxLock;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
