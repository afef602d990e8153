package org.opencredit.gateway.quota;

/**
 * The answer of a quota store for one request.
 *
 * @param allowed         whether the request may proceed (one token and one unit of the day's quota were taken)
 * @param remaining       whole tokens left in the client's bucket
 * @param dailyUsed       requests counted today, including this one when allowed
 * @param limit           when refused: {@code "rate"} or {@code "daily"}
 * @param retryAfterMillis when refused for rate: how long until a token is available
 */
public record QuotaDecision(boolean allowed, long remaining, long dailyUsed, String limit, long retryAfterMillis) {
}
