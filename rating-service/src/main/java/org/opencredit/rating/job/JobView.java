package org.opencredit.rating.job;

import java.time.Instant;

/**
 * A re-rating job's progress as answered.
 *
 * @param phase       RUNNING: candidates under the new model are computed, the old model is still current;
 *                    PROMOTING: the new model is active for everyone, candidates become current and
 *                    their events go out
 * @param ratePerSecond subjects per second in this run of the current phase
 * @param etaSeconds  estimated seconds to the end of the current phase; null when unknown
 */
public record JobView(String id, String subjectKind, String fromModel, String toModel, String phase, long total, long done,
                      double percent, double ratePerSecond, Long etaSeconds, long changed, int runs, Instant startedAt,
                      Instant switchedAt, Instant completedAt, Instant updatedAt, String requestedBy, String error) {

    static JobView of(RerateJob j) {
        long remaining = Math.max(0, j.total() - j.done());
        Long eta;
        if (!j.active()) {
            eta = 0L;
        } else if (j.rate() > 0) {
            eta = (long) Math.ceil(remaining / j.rate());
        } else {
            eta = null;
        }
        double percent = j.total() == 0 ? 100.0 : Math.round(1000.0 * j.done() / j.total()) / 10.0;
        return new JobView(j.id(), j.subjectKind(), j.fromModel(), j.toModel(), j.state(), j.total(), j.done(), percent,
                Math.round(j.rate() * 10) / 10.0, eta, j.changed(), j.runs(), j.startedAt(), j.switchedAt(), j.completedAt(),
                j.updatedAt(), j.requestedBy(), j.error());
    }
}
