package dev.rolekeeper.sandbox;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;

/**
 * The SSO portal: {@code GET /federation/credentials} (GetRoleCredentials), {@code GET
 * /assignment/accounts} (ListAccounts), {@code GET /assignment/roles} (ListAccountRoles) and {@code
 * POST /logout}, each authorised by the access token in {@code x-amz-sso_bearer_token}. Role
 * credentials are sessions of the permission set's reserved role, which the STS side then accepts
 * as signers (and trust policies may name, for role chaining).
 */
final class SsoPortalHandlers {

  static final String BEARER = "x-amz-sso_bearer_token";
  private static final int ROLE_SESSION_SECONDS = 3600;

  private final SsoDirectory directory;
  private final CredentialStore store;
  private final CallCounter counter;

  SsoPortalHandlers(SsoDirectory directory, CredentialStore store, CallCounter counter) {
    this.directory = directory;
    this.store = store;
    this.counter = counter;
  }

  Handler<RoutingContext> getRoleCredentials() {
    return ctx -> {
      counter.record("GetRoleCredentials");
      if (!authorised(ctx)) {
        return;
      }
      String account = ctx.request().getParam("account_id");
      String role = ctx.request().getParam("role_name");
      if (account == null || role == null) {
        SsoReplies.portalError(
            ctx, 400, "InvalidRequestException", "account_id and role_name are required");
        return;
      }
      if (!directory.assigned(account, role)) {
        SsoReplies.portalError(ctx, 403, "ForbiddenException", "No access");
        return;
      }
      IssuedCredential issued =
          store.issue(principal(account, role), ROLE_SESSION_SECONDS, directory.now());
      SsoReplies.ok(
          ctx,
          new JsonObject()
              .put(
                  "roleCredentials",
                  new JsonObject()
                      .put("accessKeyId", issued.accessKeyId())
                      .put("secretAccessKey", issued.secretAccessKey())
                      .put("sessionToken", issued.sessionToken())
                      .put("expiration", issued.expiration().toEpochMilli())));
    };
  }

  Handler<RoutingContext> listAccounts() {
    return ctx -> {
      counter.record("ListAccounts");
      if (!authorised(ctx)) {
        return;
      }
      JsonArray accounts = new JsonArray();
      directory.assignments().keySet().stream()
          .sorted()
          .forEach(
              id ->
                  accounts.add(
                      new JsonObject()
                          .put("accountId", id)
                          .put("accountName", "account-" + id)
                          .put("emailAddress", "aws+" + id + "@example.com")));
      SsoReplies.ok(ctx, new JsonObject().put("accountList", accounts));
    };
  }

  Handler<RoutingContext> listAccountRoles() {
    return ctx -> {
      counter.record("ListAccountRoles");
      if (!authorised(ctx)) {
        return;
      }
      String account = ctx.request().getParam("account_id");
      Map<String, Set<String>> assignments = directory.assignments();
      if (account == null || !assignments.containsKey(account)) {
        SsoReplies.portalError(ctx, 404, "ResourceNotFoundException", "Account not found");
        return;
      }
      JsonArray roles = new JsonArray();
      assignments.get(account).stream()
          .sorted()
          .forEach(
              role -> roles.add(new JsonObject().put("roleName", role).put("accountId", account)));
      SsoReplies.ok(ctx, new JsonObject().put("roleList", roles));
    };
  }

  Handler<RoutingContext> logout() {
    return ctx -> {
      counter.record("Logout");
      if (authorised(ctx)) {
        ctx.response().setStatusCode(200).end();
      }
    };
  }

  private boolean authorised(RoutingContext ctx) {
    if (directory.tokens().validAccessToken(ctx.request().getHeader(BEARER))) {
      return true;
    }
    SsoReplies.portalError(ctx, 401, "UnauthorizedException", "Session token not found or invalid");
    return false;
  }

  private Principal principal(String account, String role) {
    String reserved = SsoDirectory.reservedRoleName(account, role);
    String roleArn = SsoDirectory.roleArn(account, role);
    String user = directory.userName();
    return new Principal(
        "arn:aws:sts::" + account + ":assumed-role/" + reserved + "/" + user,
        CredentialStore.stableId("AROA", roleArn) + ":" + user,
        roleArn,
        user,
        true,
        false);
  }
}
