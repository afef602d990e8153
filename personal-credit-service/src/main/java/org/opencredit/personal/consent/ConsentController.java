package org.opencredit.personal.consent;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.opencredit.chassis.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/persons/consents")
@Tag(name = "Consents", description = "The register of persons' written authorisations that partners read personal data under")
class ConsentController {

    private final ConsentService consents;

    ConsentController(ConsentService consents) {
        this.consents = consents;
    }

    @PostMapping
    @Operation(summary = "Register a person's written authorisation", description = "Credit office (scope admin). The person, the partner "
            + "client, purposes and validity (both days included). Written to the person's access log. 201; 409 if the reference exists.")
    Mono<ResponseEntity<ConsentView>> register(@Valid @RequestBody ConsentRequests.Register request, Caller caller) {
        return consents.register(request, caller)
                .map(c -> ResponseEntity.created(URI.create("/api/v1/persons/consents/" + c.reference())).body(c));
    }

    @PostMapping("/{reference}/revocation")
    @Operation(summary = "Revoke a consent", description = "Credit office (scope admin), with the reason. Partners' reads under it are "
            + "refused from now on (consent-revoked). Written to the person's access log. 409 if already revoked.")
    Mono<ConsentView> revoke(@PathVariable String reference, @Valid @RequestBody ConsentRequests.Revoke request, Caller caller) {
        return consents.revoke(reference, request.reason(), caller);
    }
}
