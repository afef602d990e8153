package org.opencredit.enterprise.record;

import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.chassis.security.Caller;
import org.springframework.http.HttpStatus;

/** The department seam: writes need the department named by the caller's verified token. */
public final class Departments {

    private Departments() {
    }

    /** The department the caller acts for; 403 problem+json unless it is a department system. */
    public static String require(Caller caller) {
        if (caller.department() == null) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "department-required", "Forbidden",
                    "only department systems may submit or change records, and your API client " + caller.clientId() + " is a "
                            + caller.kind() + " client; the department comes from the caller's DEPARTMENT API key: "
                            + "call with the key the credit office issued to your department")
                    .with("clientKind", caller.kind().name());
        }
        return caller.department();
    }
}
