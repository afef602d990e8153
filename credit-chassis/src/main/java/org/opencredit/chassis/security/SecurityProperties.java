package org.opencredit.chassis.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param token      how the gateway's internal token is verified
 * @param gatewayUrl the gateway's public address, named in the 401 answer to a request that bypassed it (optional)
 */
@ConfigurationProperties("opencredit.security")
public record SecurityProperties(@DefaultValue Token token, String gatewayUrl) {

    /**
     * @param verificationJwks JWK set JSON with the gateway's EC P-256 public keys (current and, during a
     *                         rotation, previous); no default: the service does not start without it
     */
    public record Token(String verificationJwks) {
    }
}
