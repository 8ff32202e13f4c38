package dev.orders.platform.axon;

import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Instances of a role share their processors' segments fairly and take over a dead instance's (see README). */
@Configuration(proxyBeanMethods = false)
public class SegmentBalancing {

    @Bean
    SegmentBalancer segmentBalancer(EventProcessingConfiguration processing, DataSource dataSource,
                                    @Value("${orders.processors.balance-interval:PT5S}") Duration interval) {
        return new SegmentBalancer(processing, new JdbcTemplate(dataSource), interval);
    }
}
