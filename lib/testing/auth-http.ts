/**
 * Auth.js's own HTTP endpoints (/api/auth/*) through the real route handlers, with a cookie
 * jar: what a script hammering the server would do, minus the socket. The client address
 * arrives the way scripts/serve.ts delivers it (the stamped peer header).
 */
import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { markPeerStamped, PEER_HEADER } from "@/lib/api/client-ip";

const BASE = "http://localhost:3000";

export class AuthClient {
  readonly jar = new Map<string, string>();
  constructor(readonly ip = "198.51.100.10") {
    markPeerStamped();
  }

  private headers(extra: Record<string, string> = {}): Headers {
    const h = new Headers({ [PEER_HEADER]: this.ip, ...extra });
    if (this.jar.size) h.set("cookie", [...this.jar].map(([k, v]) => `${k}=${v}`).join("; "));
    return h;
  }

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (!value || expired) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  async get(path: string, extra?: Record<string, string>): Promise<Response> {
    return this.keep(await handlers.GET(new NextRequest(`${BASE}${path}`, { headers: this.headers(extra) })));
  }

  async post(path: string, form: Record<string, string>): Promise<Response> {
    const body = new URLSearchParams(form).toString();
    const headers = this.headers({ "content-type": "application/x-www-form-urlencoded", origin: BASE });
    return this.keep(await handlers.POST(new NextRequest(`${BASE}${path}`, { method: "POST", headers, body })));
  }

  async csrfToken(): Promise<string> {
    const body = (await (await this.get("/api/auth/csrf")).json()) as { csrfToken: string };
    return body.csrfToken;
  }

  /** POST /api/auth/callback/credentials with a real CSRF token, as the battery's curl loop does. */
  async passwordSignIn(email: string, password: string): Promise<{ status: number; location: string; session: boolean }> {
    const csrfToken = await this.csrfToken();
    const res = await this.post("/api/auth/callback/credentials", { csrfToken, email, password, callbackUrl: `${BASE}/dashboard` });
    return { status: res.status, location: res.headers.get("location") ?? "", session: this.sessionCookie() !== undefined };
  }

  sessionCookie(): string | undefined {
    return this.jar.get("authjs.session-token");
  }
}
