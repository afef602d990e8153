package org.opencredit.personal.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.opencredit.chassis.problem.ProblemException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a raw submission into a checked {@link RecordSubmission}: prohibited fields first (before
 * anything else looks at the content), then unknown fields, types, and Bean Validation. Problems
 * name fields, never values.
 */
@Component
class SubmissionReader {

    private final JsonMapper strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final Validator validator;

    SubmissionReader(Validator validator) {
        this.validator = validator;
    }

    /** Reads the body as a submission; {@code alsoAllowed} names extra top-level fields the caller handles itself (e.g. reason). */
    RecordSubmission read(ObjectNode body, Set<String> alsoAllowed) {
        ProhibitedFields.check(body);
        ObjectNode copy = body.deepCopy();
        alsoAllowed.forEach(copy::remove);
        RecordSubmission submission;
        try {
            submission = strict.treeToValue(copy, RecordSubmission.class);
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.badRequest("unknown-field", "Unknown field", "field '" + e.getPropertyName()
                    + "' is not part of a personal record submission; remove it (see /v3/api-docs)").with("field", e.getPropertyName());
        } catch (JacksonException e) {
            String field = e.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("body");
            throw ProblemException.badRequest("validation", "Invalid request", "field " + field + " has the wrong type or format "
                    + "(dates are yyyy-MM-dd, amounts numbers)").with("errors", List.of(Map.of("field", field, "message",
                    "has the wrong type or format")));
        }
        validate(submission);
        return submission;
    }

    <T> void validate(T value) {
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            List<Map<String, Object>> errors = new ArrayList<>();
            violations.stream().sorted(java.util.Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .forEach(v -> errors.add(Map.of("field", v.getPropertyPath().toString(), "message", v.getMessage())));
            String summary = errors.stream().map(e -> e.get("field") + " " + e.get("message")).reduce((a, b) -> a + "; " + b).orElse("");
            throw ProblemException.badRequest("validation", "Invalid request", "fix these fields: " + summary).with("errors", errors);
        }
    }
}
