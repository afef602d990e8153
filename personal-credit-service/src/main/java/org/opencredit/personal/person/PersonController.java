package org.opencredit.personal.person;

import java.net.URI;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.opencredit.chassis.security.Caller;
import org.opencredit.contracts.identifier.ResidentIdentityNumber;
import org.opencredit.personal.access.AccessPolicy;
import org.opencredit.personal.access.PersonalDataAccess;
import org.opencredit.personal.access.ReadRule;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Persons", description = "Natural persons: identity number stored only hashed and encrypted, masked in answers")
class PersonController {

    private final PersonService persons;
    private final PersonalDataAccess access;
    private final KeyGroups keyGroups;

    PersonController(PersonService persons, PersonalDataAccess access, KeyGroups keyGroups) {
        this.persons = persons;
        this.access = access;
        this.keyGroups = keyGroups;
    }

    @PostMapping("/persons")
    @Operation(summary = "Register a person", description = "Departments and the credit office. 201 with the masked person and its "
            + "personRef; 409 with the existing personRef if the identity number is registered.")
    Mono<ResponseEntity<PersonView>> register(@Valid @RequestBody RegisterPersonRequest request, Caller caller) {
        return persons.register(request, caller)
                .map(p -> ResponseEntity.created(URI.create("/api/v1/persons/" + p.personRef())).body(p));
    }

    @PostMapping("/persons/lookup")
    @Operation(summary = "Find a person by identity number (in the body)", description = "Needs X-Purpose; partners also "
            + AccessPolicy.CONSENT_HEADER + ". Logged in the person's access log before the answer; 403 problem+json when refused.")
    Mono<PersonView> lookup(@Valid @RequestBody LookupRequest request, Caller caller,
                            @RequestHeader(name = AccessPolicy.CONSENT_HEADER, required = false) String consent,
                            @RequestParam(defaultValue = "false") boolean reveal) {
        ResidentIdentityNumber id = persons.parse(request.identityNumber());
        String hash = persons.hashOf(id);
        return access.read(caller, consent, reveal ? "person+identityNumber" : "person", ReadRule.THIRD_PARTY,
                persons.byHash(hash).map(d -> new PersonalDataAccess.Found<>(d.personRef(), d)), "unregistered:" + hash,
                reveal ? AccessPolicy.revealRefusal(caller) : Optional.empty(),
                found -> Mono.just(persons.view(found.value(), reveal)));
    }

    @GetMapping("/persons/{personRef}")
    @Operation(summary = "Read a person by reference", description = "Same rules as the lookup; reveal=true only for the credit office.")
    Mono<PersonView> get(@PathVariable String personRef, Caller caller,
                         @RequestHeader(name = AccessPolicy.CONSENT_HEADER, required = false) String consent,
                         @RequestParam(defaultValue = "false") boolean reveal) {
        return access.read(caller, consent, reveal ? "person+identityNumber" : "person", ReadRule.THIRD_PARTY,
                persons.byRef(personRef).map(d -> new PersonalDataAccess.Found<>(d.personRef(), d)), "ref:" + personRef,
                reveal ? AccessPolicy.revealRefusal(caller) : Optional.empty(),
                found -> Mono.just(persons.view(found.value(), reveal)));
    }

    @PostMapping("/persons/{personRef}/memberships")
    @Operation(summary = "Record a key-group membership", description = "By the department that issues the group's licences.")
    Mono<PersonView> addMembership(@PathVariable String personRef, @Valid @RequestBody MembershipRequest request, Caller caller) {
        return persons.addMembership(personRef, request, caller);
    }

    @GetMapping("/key-groups")
    @Operation(summary = "The key groups (reference data), by enrolment batch")
    KeyGroups keyGroups() {
        return keyGroups;
    }
}
