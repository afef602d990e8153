package org.opencredit.enterprise.record;

import org.opencredit.chassis.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** The department seam: writes need the department the gateway established for the caller. */
public final class Departments {

    private Departments() {
    }

    public static String require(String department) {
        if (department == null || department.isBlank()) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "department-required", "Forbidden",
                    "only department systems may submit or change records; the gateway names your department from your API key "
                            + "(in local development send the header X-Local-Department, e.g. MARKET_SUPERVISION)");
        }
        return department;
    }
}
