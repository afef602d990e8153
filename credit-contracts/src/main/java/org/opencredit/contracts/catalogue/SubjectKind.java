package org.opencredit.contracts.catalogue;

/** Party kinds of the double-publicity standard. */
public enum SubjectKind { LEGAL_PERSON, INDIVIDUAL_BUSINESS, NATURAL_PERSON }
