package org.opencredit.chassis.outbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A chunk ledger's events as one binary value: a thousand events as a thousand sub-documents of eight fields
 * cost the store (and the driver) about 40 ms per chunk to encode and decode on these machines; one byte array
 * is copied whole. Layout, per event: document id, event id, topic, type, source, subject, time (epoch second,
 * nano), data; each string as its UTF-8 length and bytes. Document ids must be strings (the chassis' callers'
 * ids are); a ledger with other ids keeps the sub-document form, which the sweep still reads.
 */
final class LedgerEvents {

    private static final int FORMAT = 1;

    /** One event listed in a ledger, with the document it belongs to. */
    record Listed(Object documentId, OutboxMessage message) {
    }

    private LedgerEvents() {
    }

    static boolean encodable(List<OutboxRelay.Written> planned) {
        return planned.stream().allMatch(w -> w.documentId() instanceof String);
    }

    static byte[] encode(List<OutboxRelay.Written> planned) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(planned.size() * 512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(planned.stream().mapToInt(w -> w.messages().size()).sum());
            for (OutboxRelay.Written w : planned) {
                for (OutboxMessage m : w.messages()) {
                    write(out, (String) w.documentId());
                    write(out, m.eventId());
                    write(out, m.topic());
                    write(out, m.type());
                    write(out, m.source());
                    write(out, m.subject());
                    out.writeLong(m.time().getEpochSecond());
                    out.writeInt(m.time().getNano());
                    write(out, m.data());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    static List<Listed> decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("unknown ledger format " + format);
            }
            int n = in.readInt();
            List<Listed> listed = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String documentId = read(in);
                String eventId = read(in);
                String topic = read(in);
                String type = read(in);
                String source = read(in);
                String subject = read(in);
                Instant time = Instant.ofEpochSecond(in.readLong(), in.readInt());
                listed.add(new Listed(documentId, new OutboxMessage(eventId, topic, type, source, subject, time, read(in))));
            }
            return listed;
        } catch (IOException e) {
            throw new IllegalStateException("unreadable ledger: " + e.getMessage(), e);
        }
    }

    private static void write(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = in.readNBytes(length);
        if (utf8.length != length) {
            throw new IOException("ledger truncated");
        }
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
