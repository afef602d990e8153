package org.opencredit.personal.identity;

import java.time.Clock;
import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.opencredit.contracts.identifier.ResidentIdentityNumber;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Lets a department system check an identity number before it submits records: structure,
 * real birth date, check character. Stores nothing and logs nothing of the number.
 */
@RestController
@RequestMapping("/api/v1/persons")
@Tag(name = "Identity numbers", description = "Resident identity number checks (GB 11643-1999)")
class IdentityCheckController {

    private final Clock clock;

    IdentityCheckController(Clock clock) {
        this.clock = clock;
    }

    @PostMapping("/identity-checks")
    @Operation(summary = "Check a resident identity number",
            description = "200 with the masked number, division code, birth date and sex if valid; 400 problem+json naming the fault otherwise.")
    Mono<IdentityCheck> check(@Valid @RequestBody IdentityCheckRequest request) {
        ResidentIdentityNumber id = ResidentIdentityNumber.parse(request.identityNumber(), LocalDate.now(clock));
        return Mono.just(new IdentityCheck(true, id.masked(), id.regionCode(), id.birthDate(), id.sex().name()));
    }
}
