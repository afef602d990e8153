package org.opencredit.personal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Natural persons and their credit records, with privacy by design. */
@SpringBootApplication
public class PersonalCreditApplication {
    public static void main(String[] args) {
        SpringApplication.run(PersonalCreditApplication.class, args);
    }
}
