package org.opencredit.blacklist.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(BlacklistProperties.class)
class BlacklistConfiguration {
}
