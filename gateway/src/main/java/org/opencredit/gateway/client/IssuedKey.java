package org.opencredit.gateway.client;

/**
 * A client with a newly issued key. The key is shown only in this answer; the platform keeps
 * only its hash and cannot show it again.
 */
public record IssuedKey(ClientView client, String key, String notice) {

    IssuedKey(ClientView client, String key) {
        this(client, key, "store this key now: it is shown only once and cannot be recovered; send it as 'Authorization: ApiKey <key>' or 'X-API-Key: <key>'");
    }
}
