package org.opencredit.rating;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Rates subjects; keeps its own read model of the subjects the credit services register. */
@SpringBootApplication
public class RatingApplication {
    public static void main(String[] args) {
        SpringApplication.run(RatingApplication.class, args);
    }
}
