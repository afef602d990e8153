package org.opencredit.contracts.catalogue;

/** Which fields a category's records carry: the double-publicity penalty or licence fields, or a general set. */
public enum RecordShape { PENALTY, LICENCE, GENERAL }
