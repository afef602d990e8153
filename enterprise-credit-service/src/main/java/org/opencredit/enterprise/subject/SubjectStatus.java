package org.opencredit.enterprise.subject;

/** Registry status of a legal-person subject. */
public enum SubjectStatus { ACTIVE, REVOKED, DEREGISTERED }
