package org.opencredit.gateway.client;

import java.net.URI;
import java.util.List;

import org.opencredit.contracts.security.Scopes;
import org.opencredit.gateway.problem.GatewayProblem;
import org.opencredit.gateway.security.CallerIdentity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** The credit office's API for API clients; needs the {@code admin} scope (OFFICE clients). */
@RestController
@RequestMapping("/api/v1/admin/clients")
@Tag(name = "API clients", description = "Create, list, rotate and revoke the API clients of departments, partners, the office and operators")
public class ClientAdminController {

    private final ClientAdminService admin;

    public ClientAdminController(ClientAdminService admin) {
        this.admin = admin;
    }

    @PostMapping
    @Operation(summary = "Create a client and its first key (the key is shown only in this answer)")
    public Mono<ResponseEntity<IssuedKey>> create(@RequestBody ClientRequests.Create request, ServerWebExchange exchange) {
        CallerIdentity caller = requireAdmin(exchange);
        return admin.create(request, caller.clientId())
                .map(issued -> ResponseEntity.created(URI.create("/api/v1/admin/clients/" + issued.client().id())).body(issued));
    }

    @GetMapping
    @Operation(summary = "List clients with their key prefixes and states")
    public Mono<List<ClientView>> list(ServerWebExchange exchange) {
        requireAdmin(exchange);
        return admin.list();
    }

    @GetMapping("/{id}")
    public Mono<ClientView> get(@PathVariable String id, ServerWebExchange exchange) {
        requireAdmin(exchange);
        return admin.get(id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change name, scopes or limits")
    public Mono<ClientView> update(@PathVariable String id, @RequestBody ClientRequests.Update request, ServerWebExchange exchange) {
        requireAdmin(exchange);
        return admin.update(id, request);
    }

    @PostMapping("/{id}/keys")
    @Operation(summary = "Rotate: issue a new key; the current keys keep working for the grace period")
    public Mono<ResponseEntity<IssuedKey>> rotate(@PathVariable String id, @RequestBody(required = false) ClientRequests.Rotate request,
                                                  ServerWebExchange exchange) {
        requireAdmin(exchange);
        return admin.rotate(id, request).map(issued -> ResponseEntity.status(HttpStatus.CREATED).body(issued));
    }

    @DeleteMapping("/{id}/keys/{prefix}")
    @Operation(summary = "Revoke one key (for example a leaked one); the client's other keys keep working")
    public Mono<ClientView> revokeKey(@PathVariable String id, @PathVariable String prefix, ServerWebExchange exchange) {
        requireAdmin(exchange);
        return admin.revokeKey(id, prefix.startsWith(ApiKeys.MARK) ? prefix.substring(ApiKeys.MARK.length()) : prefix);
    }

    @PostMapping("/{id}/revoke")
    @Operation(summary = "Revoke the client: all its keys stop on every gateway instance within seconds")
    public Mono<ClientView> revoke(@PathVariable String id, ServerWebExchange exchange) {
        requireAdmin(exchange);
        return admin.revoke(id);
    }

    private static CallerIdentity requireAdmin(ServerWebExchange exchange) {
        CallerIdentity caller = CallerIdentity.of(exchange);
        if (caller == null) {
            throw new GatewayProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                    "the client administration needs an API key with the 'admin' scope");
        }
        if (!caller.scopes().contains(Scopes.ADMIN)) {
            throw new GatewayProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "API client '" + caller.clientId() + "' lacks the scope 'admin' needed to manage API clients; "
                            + "only the credit office's OFFICE clients hold it");
        }
        return caller;
    }
}
