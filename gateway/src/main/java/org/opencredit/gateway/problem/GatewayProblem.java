package org.opencredit.gateway.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** An error the gateway answers itself, rendered as RFC 9457 problem+json. */
public class GatewayProblem extends RuntimeException {

    public static final String TYPE_BASE = "https://opencredit.org/problems/";

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public GatewayProblem(HttpStatus status, String slug, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public GatewayProblem field(String field) {
        properties.put("field", field);
        return this;
    }

    public GatewayProblem property(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public GatewayProblem header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, getMessage());
        p.setType(URI.create(TYPE_BASE + slug));
        p.setTitle(title);
        properties.forEach(p::setProperty);
        return p;
    }
}
