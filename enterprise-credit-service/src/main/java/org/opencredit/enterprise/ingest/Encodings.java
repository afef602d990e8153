package org.opencredit.enterprise.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Department exports come from office software as UTF-8 (often with a byte-order mark) or GB18030.
 * When the caller does not say, the first 64 KiB decide: valid UTF-8 is UTF-8, anything else GB18030.
 */
final class Encodings {

    static final Charset GB18030 = Charset.forName("GB18030");
    private static final int PROBE = 64 * 1024;

    private Encodings() {
    }

    /** A stream positioned at the start of the text (after any UTF-8 BOM) and its charset. */
    record Detected(InputStream stream, Charset charset) {
    }

    static Detected detect(InputStream raw, Charset declared) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, PROBE + 8);
        in.mark(PROBE + 8);
        byte[] head = in.readNBytes(PROBE);
        in.reset();
        boolean bom = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        if (bom) {
            in.skipNBytes(3);
        }
        if (declared != null) {
            return new Detected(in, declared);
        }
        return new Detected(in, bom || isUtf8(head) ? StandardCharsets.UTF_8 : GB18030);
    }

    private static boolean isUtf8(byte[] head) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        // endOfInput=false: a character cut at the end of the probe is not an error
        CoderResult result = decoder.decode(ByteBuffer.wrap(head), CharBuffer.allocate(head.length + 1), false);
        return !result.isError();
    }
}
