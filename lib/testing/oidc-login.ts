/**
 * A scripted human for lib/testing/oidc-server.ts: walks oidc-provider's devInteractions login
 * and consent pages with plain fetch (redirect: "manual") and a small cookie jar, and stops at
 * the first redirect that leaves the provider's origin (the client's redirect_uri).
 */

type StoredCookie = { name: string; value: string; path: string; expiresAt: number | undefined };

/**
 * Host-only cookie jar, enough for oidc-provider: cookies are kept per origin and keyed by
 * (name, path); a request gets the cookies whose path matches its path (RFC 6265 §5.1.4), longest
 * path first. Expired / max-age<=0 cookies are deleted. Domain and Secure are ignored.
 */
export class CookieJar {
  readonly #byOrigin = new Map<string, StoredCookie[]>();

  /** Store every Set-Cookie of `response`, received for a request to `url`. */
  store(url: string | URL, response: Response): void {
    for (const header of response.headers.getSetCookie()) this.setCookie(url, header);
  }

  /** Apply one Set-Cookie header value received for a request to `url`. */
  setCookie(url: string | URL, setCookie: string): void {
    const target = new URL(url);
    const [pair = "", ...attributes] = setCookie.split(";");
    const eq = pair.indexOf("=");
    if (eq <= 0) return;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    let path = defaultPath(target.pathname);
    let expiresAt: number | undefined;
    let maxAgeSeen = false;
    for (const attribute of attributes) {
      const i = attribute.indexOf("=");
      const key = (i === -1 ? attribute : attribute.slice(0, i)).trim().toLowerCase();
      const val = i === -1 ? "" : attribute.slice(i + 1).trim();
      if (key === "path" && val.startsWith("/")) path = val;
      else if (key === "max-age" && /^-?\d+$/.test(val)) {
        maxAgeSeen = true;
        expiresAt = Date.now() + Number(val) * 1000;
      } else if (key === "expires" && !maxAgeSeen) {
        const at = Date.parse(val);
        if (!Number.isNaN(at)) expiresAt = at;
      }
    }
    const cookies = (this.#byOrigin.get(target.origin) ?? []).filter((c) => !(c.name === name && c.path === path));
    if (expiresAt === undefined || expiresAt > Date.now()) cookies.push({ name, value, path, expiresAt });
    this.#byOrigin.set(target.origin, cookies);
  }

  /** The `cookie` request header for `url`, or undefined when no cookie applies. */
  header(url: string | URL): string | undefined {
    const matching = this.#matching(new URL(url));
    return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join("; ") : undefined;
  }

  /** The value of cookie `name` that would be sent to `url`. */
  get(url: string | URL, name: string): string | undefined {
    return this.#matching(new URL(url)).find((c) => c.name === name)?.value;
  }

  clear(): void {
    this.#byOrigin.clear();
  }

  #matching(target: URL): StoredCookie[] {
    const now = Date.now();
    return (this.#byOrigin.get(target.origin) ?? [])
      .filter((c) => (c.expiresAt === undefined || c.expiresAt > now) && pathMatches(target.pathname, c.path))
      .sort((a, b) => b.path.length - a.path.length);
  }
}

function defaultPath(requestPath: string): string {
  if (!requestPath.startsWith("/")) return "/";
  const lastSlash = requestPath.lastIndexOf("/");
  return lastSlash <= 0 ? "/" : requestPath.slice(0, lastSlash);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length) === "/";
}

// --- HTML scraping (devInteractions' own markup) ---

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (match, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith("#x")) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith("#")) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    return named[lower] ?? match;
  });
}

function attr(tagAttributes: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tagAttributes);
  if (!match) return undefined;
  return decodeEntities(match[1] ?? match[2] ?? match[3] ?? "");
}

type ParsedForm = { action: URL; method: string; fields: URLSearchParams };

function parseForms(html: string, pageUrl: URL): ParsedForm[] {
  const forms: ParsedForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const formAttributes = match[1] ?? "";
    const inner = match[2] ?? "";
    const fields = new URLSearchParams();
    for (const input of inner.matchAll(/<input\b([^>]*?)\/?>/gi)) {
      const inputAttributes = input[1] ?? "";
      const name = attr(inputAttributes, "name");
      if (name && attr(inputAttributes, "type")?.toLowerCase() === "hidden") fields.append(name, attr(inputAttributes, "value") ?? "");
    }
    forms.push({
      action: new URL(attr(formAttributes, "action") ?? pageUrl.href, pageUrl),
      method: (attr(formAttributes, "method") ?? "get").toUpperCase(),
      fields,
    });
  }
  return forms;
}

function findAbortLink(html: string, pageUrl: URL): URL | undefined {
  for (const match of html.matchAll(/<a\b([^>]*)>/gi)) {
    const href = attr(match[1] ?? "", "href");
    if (href && /\/abort(?:[?#]|$)/.test(href)) return new URL(href, pageUrl);
  }
  return undefined;
}

function textSnippet(html: string): string {
  return decodeEntities(html.replace(/<style[\s\S]*?<\/style>/gi, "").replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 300);
}

const MAX_STEPS = 25;

/**
 * Drive the provider from `authorizeUrl` to the client's redirect_uri, logging in as `login`
 * (any login works; it becomes the account id) and granting consent — or, with `deny`, cancelling
 * at the consent page so the callback carries error=access_denied. Pass a `jar` to keep the
 * provider session between flows (a second authorization may then skip login and consent).
 */
export async function completeLoginAndConsent(
  authorizeUrl: string,
  opts: { login: string; jar?: CookieJar; deny?: boolean },
): Promise<{ callbackUrl: string }> {
  const jar = opts.jar ?? new CookieJar();
  const providerOrigin = new URL(authorizeUrl).origin;
  let request: { url: URL; method: "GET" | "POST"; body?: URLSearchParams } = { url: new URL(authorizeUrl), method: "GET" };
  let denied = false;

  for (let step = 0; step < MAX_STEPS; step++) {
    const headers = new Headers({ accept: "text/html" });
    const cookie = jar.header(request.url);
    if (cookie) headers.set("cookie", cookie);
    if (request.body) headers.set("content-type", "application/x-www-form-urlencoded");
    const res = await fetch(request.url, { method: request.method, headers, body: request.body?.toString(), redirect: "manual" });
    jar.store(request.url, res);

    if (res.status >= 300 && res.status < 400) {
      await res.arrayBuffer();
      const location = res.headers.get("location");
      if (!location) throw new Error(`oidc-login: ${res.status} without Location at ${request.url.href}`);
      const target = new URL(location, request.url);
      if (target.origin !== providerOrigin) {
        if (opts.deny && !denied) {
          throw new Error(`oidc-login: deny requested but the provider redirected to ${target.href} without a consent page`);
        }
        return { callbackUrl: target.href };
      }
      request = { url: target, method: "GET" };
      continue;
    }

    const html = await res.text();
    if (res.status !== 200) {
      throw new Error(`oidc-login: HTTP ${res.status} at ${request.url.href}: ${textSnippet(html)}`);
    }
    const form = parseForms(html, request.url).find((f) => f.method === "POST" && f.fields.has("prompt"));
    const prompt = form?.fields.get("prompt");
    if (!form || (prompt !== "login" && prompt !== "consent")) {
      throw new Error(`oidc-login: no devInteractions login/consent form at ${request.url.href}: ${textSnippet(html)}`);
    }
    if (prompt === "login") {
      const body = new URLSearchParams(form.fields);
      body.set("login", opts.login);
      body.set("password", "test-password");
      request = { url: form.action, method: "POST", body };
      continue;
    }
    if (opts.deny) {
      const abort = findAbortLink(html, request.url);
      if (!abort) throw new Error(`oidc-login: no abort link on the consent page at ${request.url.href}`);
      denied = true;
      request = { url: abort, method: "GET" };
      continue;
    }
    request = { url: form.action, method: "POST", body: new URLSearchParams(form.fields) };
  }
  throw new Error(`oidc-login: gave up after ${MAX_STEPS} requests without leaving ${providerOrigin}`);
}
