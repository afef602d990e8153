package org.opencredit.chassis.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.opencredit.chassis.problem.ProblemException;
import org.opencredit.contracts.security.ClientKind;
import org.opencredit.contracts.security.InternalToken;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who calls: the API client the gateway authenticated, as its verified internal token names it.
 * Controllers take it as a parameter (hidden from the API documents); it never comes from a header.
 *
 * @param clientId   the API client's id ({@code sub})
 * @param kind       the client's kind
 * @param department the department code of a {@link ClientKind#DEPARTMENT} client, {@code null} for every other kind
 * @param scopes     what the client may do, see {@link org.opencredit.contracts.security.Scopes}
 * @param purpose    the purpose the caller declared for this request, {@code null} when none
 */
public record Caller(String clientId, ClientKind kind, String department, Set<String> scopes, String purpose) {

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    /** The caller named by a token the decoder has verified (which guarantees {@code sub} and a known kind). */
    public static Caller of(Jwt token) {
        ClientKind kind = ClientKind.valueOf(token.getClaimAsString(InternalToken.KIND));
        // only a department system acts for a department, whatever else a token might carry
        String department = kind == ClientKind.DEPARTMENT ? blankToNull(token.getClaimAsString(InternalToken.DEPARTMENT)) : null;
        return new Caller(token.getSubject(), kind, department, scopes(token.getClaims().get(InternalToken.SCOPE)),
                blankToNull(token.getClaimAsString(InternalToken.PURPOSE)));
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /**
     * Fails with 403 problem+json unless the caller holds {@code scope}; for rules that depend on more
     * than path and method (e.g. a query parameter), which the service's {@link ServiceAccessRules} cannot express.
     *
     * @param operation what the scope is needed for, as the caller sent it, e.g. {@code GET /api/v1/enterprises/{uscc}/records?all=true}
     */
    public void requireScope(String scope, String operation) {
        if (!hasScope(scope)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, SecurityProblems.FORBIDDEN, "Forbidden",
                    SecurityProblems.missingScopeDetail(scope, operation)).with("requiredScope", scope);
        }
    }

    static Set<String> scopes(Object claim) {
        Set<String> scopes = new LinkedHashSet<>();
        if (claim instanceof String s) {
            scopes.addAll(Arrays.asList(s.trim().split("\\s+")));
        } else if (claim instanceof Collection<?> c) {
            c.forEach(x -> scopes.add(String.valueOf(x)));
        }
        scopes.remove("");
        return scopes;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
