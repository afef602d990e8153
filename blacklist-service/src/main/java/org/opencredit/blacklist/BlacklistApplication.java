package org.opencredit.blacklist;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Lists, measures and credit checks; keeps its own read model of subjects for checks. */
@SpringBootApplication
public class BlacklistApplication {
    public static void main(String[] args) {
        SpringApplication.run(BlacklistApplication.class, args);
    }
}
