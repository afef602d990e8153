package org.opencredit.contracts.catalogue;

/** Whether a category's information counts for, against or neither for the subject. */
public enum Polarity { POSITIVE, NEUTRAL, NEGATIVE }
