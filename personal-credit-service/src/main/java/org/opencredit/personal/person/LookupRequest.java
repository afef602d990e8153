package org.opencredit.personal.person;

import jakarta.validation.constraints.NotBlank;

/** An identity number to look up, sent in a body so it stays out of URLs and access logs of proxies. */
public record LookupRequest(@NotBlank(message = "is required: give the 18-character resident identity number") String identityNumber) {

    @Override
    public String toString() {
        return "LookupRequest[identityNumber=***]";
    }
}
