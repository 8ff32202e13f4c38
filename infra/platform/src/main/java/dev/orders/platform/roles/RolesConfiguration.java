package dev.orders.platform.roles;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Makes the instance's roles visible: a bean, a log line at start and an entry in {@code /actuator/info}. */
@Configuration(proxyBeanMethods = false)
public class RolesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RolesConfiguration.class);

    @Bean
    public Roles roles(Environment environment) {
        Roles roles = Roles.from(environment);
        log.info("Roles of this instance: {}", roles);
        return roles;
    }

    @Bean
    public InfoContributor rolesInfoContributor(Roles roles) {
        return builder -> builder.withDetail("roles", roles.toString().split(","));
    }
}
