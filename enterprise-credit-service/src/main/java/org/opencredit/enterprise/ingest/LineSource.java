package org.opencredit.enterprise.ingest;

import java.util.Iterator;

/** Reads a bulk file line by line without holding it in memory. */
interface LineSource extends Iterator<ParsedLine>, AutoCloseable {
    @Override
    void close();
}
