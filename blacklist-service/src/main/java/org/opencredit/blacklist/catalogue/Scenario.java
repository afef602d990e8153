package org.opencredit.blacklist.catalogue;

/** A decision a department is about to take, for which it runs a credit check. */
public record Scenario(String code, String name, String nameEn) {
}
