package org.opencredit.chassis;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.opencredit.chassis.consumer.EventConsumer;
import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.chassis.security.Caller;
import org.opencredit.chassis.security.ServiceAccessRules;
import org.opencredit.contracts.security.Scopes;
import org.opencredit.contracts.identifier.Uscc;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A minimal service built on the chassis, for the chassis' own tests. */
@SpringBootApplication
public class ChassisTestApplication {

    public static final String TOPIC = "chassis.test";
    public static final String TYPE = "org.opencredit.test.happened.v1";

    /** Widgets are written with records:write and read with enterprises:read; /whoami needs any token with enterprises:read. */
    @Bean
    ServiceAccessRules widgetRules() {
        return exchanges -> exchanges
                .pathMatchers(HttpMethod.POST, "/widgets").access(ServiceAccessRules.scope(Scopes.RECORDS_WRITE))
                .pathMatchers(HttpMethod.GET, "/widgets/**", "/boom", "/whoami").access(ServiceAccessRules.scope(Scopes.ENTERPRISES_READ));
    }

    record Widget(@NotBlank(message = "must not be blank") String name, @Positive(message = "must be positive") int size) {
    }

    @RestController
    static class WidgetController {
        @PostMapping("/widgets")
        Mono<Widget> create(@Valid @RequestBody Widget widget) {
            return Mono.just(widget);
        }

        @GetMapping("/widgets/{uscc}")
        Mono<String> byUscc(@PathVariable String uscc) {
            Uscc code = Uscc.parse(uscc);
            return Mono.error(ProblemException.notFound("subject-not-found", "no widget for " + code + "; register it first")
                    .with("uscc", code.value()));
        }

        @GetMapping("/whoami")
        Mono<Caller> whoami(Caller caller) {
            return Mono.just(caller);
        }

        @GetMapping("/boom")
        Mono<String> boom() {
            return Mono.error(new IllegalStateException("secret internals"));
        }
    }

    /** Counts handler runs per subject; fails the first N runs of subjects named "flaky-*". */
    @org.springframework.stereotype.Component
    public static class TestListener {
        public final ConcurrentMap<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        public final AtomicInteger flakyFailuresLeft = new AtomicInteger();
        private final EventConsumer consumer;

        TestListener(EventConsumer consumer) {
            this.consumer = consumer;
        }

        @KafkaListener(topics = TOPIC, groupId = "chassis-test")
        void on(ConsumerRecord<String, String> record) {
            consumer.handle("chassis-test", record, Set.of(TYPE), event -> Mono.fromRunnable(() -> {
                if (event.subject().startsWith("flaky") && flakyFailuresLeft.getAndDecrement() > 0) {
                    throw new IllegalStateException("transient failure");
                }
                runs.computeIfAbsent(event.subject(), k -> new AtomicInteger()).incrementAndGet();
            }));
        }

        public int runs(String subject) {
            AtomicInteger n = runs.get(subject);
            return n == null ? 0 : n.get();
        }
    }
}
