package org.opencredit.enterprise.record;

import java.time.Clock;

import org.opencredit.contracts.catalogue.Catalogue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class RecordConfiguration {

    @Bean
    Catalogue catalogue() {
        return Catalogue.standard();
    }

    @Bean
    RecordRules recordRules(Catalogue catalogue, Clock clock) {
        return new RecordRules(catalogue, WorkingCalendar.standard(), clock);
    }
}
