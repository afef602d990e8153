package org.opencredit.enterprise;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Legal-person subjects by USCC and their credit records: the service department systems talk to most. */
@SpringBootApplication
public class EnterpriseCreditApplication {
    public static void main(String[] args) {
        SpringApplication.run(EnterpriseCreditApplication.class, args);
    }
}
