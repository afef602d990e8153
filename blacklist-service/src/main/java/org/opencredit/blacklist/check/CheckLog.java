package org.opencredit.blacklist.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The credit-check log with group commit: checks that arrive while a write is in flight are written
 * together by the next single {@code insertMany}, and each check's answer waits until its own
 * document is stored (a failed write fails every check in it: no answer without its log, no log
 * dropped). No timer: a lone check is written at once; under load the batches grow by themselves.
 */
@Component
class CheckLog {

    static final String COLLECTION = "credit_checks";
    static final int MAX_BATCH = 500;

    private final ReactiveMongoTemplate mongo;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    CheckLog(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    private record Pending(Document entry, MonoSink<Void> written) {
    }

    /** Completes once {@code entry} is stored. */
    Mono<Void> write(Document entry) {
        return Mono.create(sink -> {
            queue.add(new Pending(entry, sink));
            drain();
        });
    }

    private void drain() {
        while (!queue.isEmpty() && writing.compareAndSet(false, true)) {
            List<Pending> batch = new ArrayList<>();
            Pending p;
            while (batch.size() < MAX_BATCH && (p = queue.poll()) != null) {
                batch.add(p);
            }
            if (batch.isEmpty()) {
                writing.set(false);
                continue;
            }
            // the next batch starts before this one's checks resume answering (their answers run on this thread)
            mongo.insert(batch.stream().map(Pending::entry).toList(), COLLECTION).then().subscribe(null, e -> {
                release();
                batch.forEach(b -> b.written().error(e));
            }, () -> {
                release();
                batch.forEach(b -> b.written().success());
            });
            return;
        }
    }

    private void release() {
        writing.set(false);
        drain();
    }
}
