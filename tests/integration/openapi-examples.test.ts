/**
 * Every documented example of the service API and organization management families, replayed
 * against the real route handler: the example's ids become a fresh fixture's ids, the answer
 * must have the example's status (and provider-token variant), validate against the operation
 * in /openapi.json, and carry the same fields as the documented answer.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db";
import { listServiceApiKeys } from "@/db/queries/service-keys";
import { upsertGrant } from "@/db/queries/provider-tokens";
import { connections } from "@/db/schema";
import * as org from "@/app/api/organizations/[orgSlug]/route";
import * as services from "@/app/api/organizations/[orgSlug]/services/route";
import * as service from "@/app/api/organizations/[orgSlug]/services/[serviceSlug]/route";
import * as plans from "@/app/api/organizations/[orgSlug]/services/[serviceSlug]/plans/route";
import * as plan from "@/app/api/organizations/[orgSlug]/services/[serviceSlug]/plans/[planId]/route";
import * as keys from "@/app/api/organizations/[orgSlug]/services/[serviceSlug]/api-keys/route";
import * as key from "@/app/api/organizations/[orgSlug]/services/[serviceSlug]/api-keys/[apiKeyId]/route";
import * as analytics from "@/app/api/service/analytics/route";
import * as info from "@/app/api/service/info/route";
import * as providerTokens from "@/app/api/service/provider-tokens/route";
import * as subs from "@/app/api/service/subscriptions/route";
import * as sub from "@/app/api/service/subscriptions/[userId]/route";
import * as users from "@/app/api/service/users/route";
import * as user from "@/app/api/service/users/[userId]/route";
import { familyOperations } from "@/lib/api/openapi/family-paths";
import { EXAMPLE_IDS, type ExampleSpec, type OperationSpec } from "@/lib/api/openapi/operation";
import { seal } from "@/lib/connections/connection-secrets";
import { randomBase62, randomId } from "@/lib/crypto";
import { linkServiceUser } from "@/lib/end-users/service-users";
import { createPlan } from "@/lib/services/manage-plans";
import { createServiceSubscription } from "@/lib/subscriptions/service-subscriptions";
import { testDb } from "@/lib/testing/fixtures";
import { makeOrg, makeService, makeServiceKey } from "@/lib/testing/org-fixtures";
import { assertDocumented } from "../support/openapi-check";

const session: { userId: string | null } = { userId: null };
vi.mock("@/lib/auth/auth", () => ({ auth: async () => (session.userId ? { user: { id: session.userId }, expires: "2999-01-01T00:00:00.000Z" } : null) }));

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const modules: Record<string, object> = {
  "/api/service/users": users,
  "/api/service/users/{user_id}": user,
  "/api/service/subscriptions": subs,
  "/api/service/subscriptions/{user_id}": sub,
  "/api/service/analytics": analytics,
  "/api/service/info": info,
  "/api/service/provider-tokens": providerTokens,
  "/api/organizations/{org_slug}": org,
  "/api/organizations/{org_slug}/services": services,
  "/api/organizations/{org_slug}/services/{service_slug}": service,
  "/api/organizations/{org_slug}/services/{service_slug}/plans": plans,
  "/api/organizations/{org_slug}/services/{service_slug}/plans/{plan_id}": plan,
  "/api/organizations/{org_slug}/services/{service_slug}/api-keys": keys,
  "/api/organizations/{org_slug}/services/{service_slug}/api-keys/{api_key_id}": key,
};
/** Path parameter → the route segment name Next passes. */
const segment: Record<string, string> = { user_id: "userId", org_slug: "orgSlug", service_slug: "serviceSlug", plan_id: "planId", api_key_id: "apiKeyId" };

const DRIVE = "https://www.googleapis.com/auth/drive.readonly";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

/** A fresh org whose ids stand in for EXAMPLE_IDS: a service, a linked user, a spare plan, a key. */
async function fixture(op: OperationSpec, example: ExampleSpec) {
  const { org, ownerId } = await makeOrg(db);
  const { service: svc, freePlanId } = await makeService(db, org, { redirectUris: ["https://app.example.com/akhrot/callback"], providers: [{ provider: "google", scopes: [DRIVE] }] });
  const apiKey = await makeServiceKey(db, org, svc);
  const scope = { serviceId: svc.id, orgId: org.id };
  const { user: endUser } = await linkServiceUser(db, scope, `ada-${randomBase62(6).toLowerCase()}@example.com`);
  // POST /api/service/subscriptions replays a first subscription; every other route finds one.
  if (!(op.method === "post" && op.path === "/api/service/subscriptions")) await createServiceSubscription(db, scope, { userId: endUser.id, planId: freePlanId });
  const spare = await createPlan(db, { orgId: org.id, userId: ownerId }, svc, { name: "team", priceCents: 900, currency: "usd" });
  if (example.name === "ok") {
    const id = randomId("conn");
    await db.insert(connections).values({ id, endUserId: endUser.id, provider: "google", authType: "oauth2", accountId: "110248495921238986420", accountLabel: endUser.email, scopes: [DRIVE], accessTokenEnc: seal(id, "access_token", `ya29.${randomBase62(16)}`), expiresAt: new Date(Date.now() + 3600_000) });
    await upsertGrant(db, { id: randomId("grant"), endUserId: endUser.id, serviceId: svc.id, connectionId: id, provider: "google", scopes: [DRIVE], now: new Date() });
  }
  const [keyRow] = (await listServiceApiKeys(db, svc.id, { limit: 1, offset: 0 })).rows;
  session.userId = ownerId;
  const ids: Record<string, string> = { [EXAMPLE_IDS.userId]: endUser.id, [EXAMPLE_IDS.planId]: op.path.startsWith("/api/service") ? freePlanId : spare.id, [EXAMPLE_IDS.apiKeyId]: keyRow?.id ?? "" };
  const pathIds: Record<string, string> = { ...ids, [EXAMPLE_IDS.orgSlug]: org.slug, [EXAMPLE_IDS.serviceSlug]: svc.slug };
  return { apiKey, ids, pathIds };
}

const swap = (text: string, ids: Record<string, string>) => Object.entries(ids).reduce((t, [from, to]) => t.split(from).join(to), text);

const cases = familyOperations.flatMap((op) => op.examples.map((example) => [`${op.method.toUpperCase()} ${op.path} (${example.name})`, op, example] as const));

describe("each documented example, replayed against its route", () => {
  it("covers every operation of both families", () => {
    expect(Object.keys(modules).sort()).toEqual([...new Set(familyOperations.map((o) => o.path))].sort());
    expect(cases.length).toBeGreaterThanOrEqual(familyOperations.length + 1);
  });

  it.each(cases)("%s", async (_name, op, example) => {
    const { apiKey, ids, pathIds } = await fixture(op, example);
    const path = op.path.replace(/\{(\w+)\}/g, (_m, p: string) => {
      const exampleValue = { user_id: EXAMPLE_IDS.userId, org_slug: EXAMPLE_IDS.orgSlug, service_slug: EXAMPLE_IDS.serviceSlug, plan_id: EXAMPLE_IDS.planId, api_key_id: EXAMPLE_IDS.apiKeyId }[p] ?? "";
      return pathIds[exampleValue] ?? exampleValue;
    });
    const params: Record<string, string> = {};
    const concrete = path.split("/");
    op.path.split("/").forEach((part, i) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name) params[segment[name] ?? name] = concrete[i] ?? "";
    });
    const url = new URL(`http://localhost:3000${path}`);
    for (const [k, v] of Object.entries(example.query ?? {})) url.searchParams.set(k, swap(v, pathIds));
    const headers = new Headers({ "content-type": "application/json" });
    if (op.family === "service") headers.set("x-api-key", apiKey);
    else headers.set("origin", "http://localhost:3000");
    const body = example.body === undefined ? undefined : swap(JSON.stringify(example.body), ids);
    const handler = (modules[op.path] as Record<string, Handler>)[op.method.toUpperCase()];
    expect(handler, "route module exports the method").toBeTypeOf("function");
    const res = await (handler as Handler)(new Request(url, { method: op.method.toUpperCase(), headers, body }), { params: Promise.resolve(params) });

    const text = await res.clone().text();
    expect(res.status, text).toBe(example.status);
    await assertDocumented(op.method, op.path, res);
    if (example.response === undefined) return;
    const answer = JSON.parse(text) as Record<string, unknown>;
    const documented = example.response as Record<string, unknown>;
    expect(Object.keys(answer).sort()).toEqual(Object.keys(documented).sort());
    if ("status" in documented) expect([answer.status, answer.code]).toEqual([documented.status, documented.code]);
  });

  it("every method a documented path does not serve answers 405 in the family's envelope, naming the allowed ones", async () => {
    for (const [path, mod] of Object.entries(modules)) {
      const served = familyOperations.filter((o) => o.path === path).map((o) => o.method.toUpperCase());
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => !served.includes(m))) {
        const handler = (mod as Record<string, Handler | undefined>)[method];
        expect(handler, `${method} ${path} is exported`).toBeTypeOf("function");
        const res = await (handler as Handler)(new Request(`http://localhost:3000${path}`, { method }), { params: Promise.resolve({}) });
        expect([res.status, res.headers.get("allow")], `${method} ${path}`).toEqual([405, served.join(", ")]);
        await assertDocumented(method, path, res);
      }
    }
  });
});
