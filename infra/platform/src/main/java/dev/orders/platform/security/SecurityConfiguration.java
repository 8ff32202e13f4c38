package dev.orders.platform.security;

import dev.orders.platform.edge.RateLimitFilter;
import dev.orders.platform.edge.RequestBodyLimitFilter;
import dev.orders.platform.web.ProblemResponses;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Who may call what. The role matrix lives here, in one table; which customer's data a request may touch is decided
 * by the endpoints through {@link Caller}. Stateless: every API request carries a bearer token, no session, no CSRF
 * token (no cookies are read). Denials answer with problem details: 401 without a valid token, 403 for a role that
 * may not do it; someone else's order answers 404 in the endpoints.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

    private static final String OPS = Role.OPS.name();
    private static final String ANALYST = Role.ANALYST.name();
    private static final String CUSTOMER = Role.CUSTOMER.name();

    /** Listens for the management server's port (a context event), so it is a bean of its own. */
    @Bean
    public ManagementPort managementPort() {
        return new ManagementPort();
    }

    @Bean
    public SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
                                                      SecurityProperties properties, ManagementPort managementPort) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(cors -> cors.configurationSource(corsSource(properties.cors())))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:;"
                                + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.mode(Mode.DENY)))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // Scrapers reach the separate management port only from the monitoring network.
                        .matchers(new AndServerWebExchangeMatcher(managementPort.matcher(),
                                ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/actuator/prometheus")))
                        .permitAll()
                        .pathMatchers("/actuator/**").hasRole(OPS)
                        .pathMatchers(HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login",
                                "/api/v1/auth/refresh").permitAll()
                        .pathMatchers("/api/v1/admin/**").hasRole(OPS)
                        .pathMatchers(HttpMethod.GET, "/api/v1/events", "/api/v1/events/**")
                        .hasAnyRole(OPS, ANALYST)
                        .pathMatchers(HttpMethod.POST, "/api/v1/orders").hasRole(CUSTOMER)
                        .pathMatchers(HttpMethod.POST, "/api/v1/orders/*/cancel").hasAnyRole(CUSTOMER, OPS)
                        .pathMatchers(HttpMethod.PUT, "/api/v1/notifications/contacts/*").hasRole(CUSTOMER)
                        // Every other write (ship, deliver, products, stock) is the operators'.
                        .pathMatchers(HttpMethod.POST, "/api/**").hasRole(OPS)
                        .pathMatchers(HttpMethod.PUT, "/api/**").hasRole(OPS)
                        .pathMatchers(HttpMethod.PATCH, "/api/**").hasRole(OPS)
                        .pathMatchers(HttpMethod.DELETE, "/api/**").hasRole(OPS)
                        .pathMatchers("/api/**").authenticated()
                        // The API description and the web page's static files.
                        .anyExchange().permitAll())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(decoder)
                                .jwtAuthenticationConverter(
                                        JwtConfiguration.authenticationConverter(properties.jwt().rolesClaim())))
                        .authenticationEntryPoint(unauthenticated())
                        .accessDeniedHandler(denied()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated())
                        .accessDeniedHandler(denied()))
                .addFilterAt(new RequestBodyLimitFilter(properties.maxRequestBody().toBytes()),
                        SecurityWebFiltersOrder.FIRST)
                .addFilterAfter(new RateLimitFilter(properties.rateLimit()), SecurityWebFiltersOrder.AUTHENTICATION)
                .build();
    }

    private static ServerAuthenticationEntryPoint unauthenticated() {
        return (exchange, e) -> {
            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
            return ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized",
                    "A valid bearer token is required (POST /api/v1/auth/login)");
        };
    }

    private static ServerAccessDeniedHandler denied() {
        return (exchange, e) -> ProblemResponses.write(exchange, HttpStatus.FORBIDDEN, "forbidden",
                "Your roles do not allow this request");
    }

    private static CorsConfigurationSource corsSource(SecurityProperties.Cors cors) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (cors.allowedOrigins().isEmpty()) {
            return source;
        }
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(cors.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID",
                "X-Request-ID"));
        configuration.setExposedHeaders(List.of("Location", "Retry-After", "X-Request-ID"));
        configuration.setMaxAge(3600L);
        source.registerCorsConfiguration("/api/**", configuration);
        return source;
    }
}
