package org.opencredit.blacklist.catalogue;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration
class CatalogueConfiguration {

    @Bean
    ListCatalogue listCatalogue(JsonMapper json) {
        return ListCatalogue.load(json);
    }
}
