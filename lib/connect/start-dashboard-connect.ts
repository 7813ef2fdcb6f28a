import type { Db } from "@/db";
import { createConnectSession } from "./create-connect-session";
import { startAuthorization, type StartResult } from "./start-authorization";

/**
 * "Connect" clicked in the dashboard: the same session + hosted flow an agent's link uses,
 * started for the signed-in user and returning to the dashboard when done.
 */
export async function startDashboardConnect(db: Db, userId: string, provider: string, baseUrl: string, scopes?: string[]): Promise<StartResult> {
  const session = await createConnectSession(db, { userId }, { provider, scopes }, baseUrl, "dashboard");
  return startAuthorization(db, session.sessionId, baseUrl);
}
