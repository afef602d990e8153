package org.opencredit.chassis.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A failure the caller can act on, rendered as RFC 9457 problem+json with a stable {@code type}
 * ({@code https://opencredit.org/problems/<slug>}) and a detail that says what to fix.
 */
public class ProblemException extends RuntimeException {

    public static final String TYPE_BASE = "https://opencredit.org/problems/";

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ProblemException(HttpStatus status, String slug, String title, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public static ProblemException notFound(String slug, String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, slug, "Not found", detail);
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(HttpStatus.CONFLICT, slug, "Conflict", detail);
    }

    public static ProblemException badRequest(String slug, String title, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, slug, title, detail);
    }

    /** Adds a member to the problem object, e.g. the offending field or the conflicting id. */
    public ProblemException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return problem;
    }

    public HttpStatus status() {
        return status;
    }
}
