package dev.orders.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/**
 * Present only when this instance keeps its own accounts and issues tokens, i.e. no external identity provider
 * ({@code ORDERS_JWT_JWKS_URI}) is configured.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnExpression("'${orders.security.jwt.jwks-uri:}'.isBlank()")
public @interface LocalAccounts {
}
