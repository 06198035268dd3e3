// A real OpenID Connect provider for the tests, configured like ProConnect: code flow,
// client_secret_post, RS256-signed ID tokens and signed (JWT) userinfo, a `siret` claim,
// RP-initiated logout. Usage: node server.mjs config.json — the file gives the port, the
// clients and the accounts (login -> claims). Prints "ready <issuer>" once it listens.
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";

import Provider from "oidc-provider";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const issuer = `http://127.0.0.1:${config.port}`;
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: "jwk" }), kid: "test-key", alg: "RS256", use: "sig" };

const provider = new Provider(issuer, {
  // A client's null value removes the default (e.g. plain JSON userinfo).
  clients: config.clients.map((client) =>
    Object.fromEntries(
      Object.entries({
        token_endpoint_auth_method: "client_secret_post",
        id_token_signed_response_alg: "RS256",
        userinfo_signed_response_alg: "RS256",
        ...client,
      }).filter(([, value]) => value !== null),
    ),
  ),
  jwks: { keys: [signingKey] },
  scopes: ["openid", "email", "given_name", "usual_name", "family_name", "siret", "uid"],
  claims: {
    email: ["email", "email_verified"],
    given_name: ["given_name"],
    usual_name: ["usual_name"],
    family_name: ["family_name"],
    siret: ["siret"],
    uid: ["uid"],
  },
  features: {
    devInteractions: { enabled: true },
    jwtUserinfo: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  pkce: { required: () => false },
  async findAccount(ctx, id) {
    const claims = config.accounts[id];
    if (!claims) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
  },
});
provider.listen(config.port, "127.0.0.1", () => console.log(`ready ${issuer}`));
