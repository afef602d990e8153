package org.opencredit.contracts.catalogue;

/** A department that submits credit information, by its platform code. */
public record Department(String code, String name) {
}
