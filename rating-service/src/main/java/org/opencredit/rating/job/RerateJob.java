package org.opencredit.rating.job;

import java.time.Instant;

import org.springframework.data.annotation.Id;

/**
 * A re-rating job: rolls a new model out over every subject of a kind. Progress is saved after each
 * batch (the cursor is the last subject id done, in id order), so a job interrupted by a crash
 * resumes where it stopped.
 *
 * @param state     RUNNING (computing candidates), PROMOTING (the new model is active; candidates
 *                  become current ratings and their events go out), COMPLETED, CANCELLED or FAILED
 * @param total     subjects of the kind when the job started
 * @param done      subjects with a candidate rating so far (RUNNING), or checked for promotion so far (PROMOTING: only
 *                  those whose score or grade changed are written)
 * @param cursor    the last subject id handled in the current phase
 * @param changed   subjects whose score or grade the new model changes
 * @param runs      how many times a runner picked the job up (more than 1 after a resume)
 * @param owner     the instance running it; {@code leaseUntil} ends its claim if it dies
 */
public record RerateJob(@Id String id, String subjectKind, String fromModel, String toModel, String state, long total, long done,
                        String cursor, long changed, int runs, Instant startedAt, Instant updatedAt, Instant switchedAt,
                        Instant completedAt, String requestedBy, String owner, Instant leaseUntil, String error,
                        double rate, long phaseStartedDone, Instant phaseStartedAt) {

    public static final String COLLECTION = "rating_jobs";
    public static final String RUNNING = "RUNNING";
    public static final String PROMOTING = "PROMOTING";
    public static final String COMPLETED = "COMPLETED";
    public static final String CANCELLED = "CANCELLED";
    public static final String FAILED = "FAILED";

    public boolean active() {
        return RUNNING.equals(state) || PROMOTING.equals(state);
    }
}
