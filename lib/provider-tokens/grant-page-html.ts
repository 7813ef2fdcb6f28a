/**
 * The hosted grant page's markup. A plain route handler renders it (not a React page) because
 * each render must set its own CSRF cookie, which a server component cannot do and proxy.ts
 * only does for agent links. Every interpolated value is escaped.
 */
import { TELEGRAM_LOGIN_FIELD, type GrantPage } from "./grant-page";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function shell(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${esc(title)} · Akhrot</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;line-height:1.5}code{background:#f3f3f3;padding:0 .25rem}button{font-size:1rem;padding:.5rem 1.25rem}@media (prefers-color-scheme:dark){body{background:#111;color:#eee}code{background:#222}}</style></head>
<body><main>${body}</main></body></html>`;
}

/** API-key providers: the paste form, named after the catalog's credential fields. */
function pasteForm(page: Extract<GrantPage, { kind: "open" }>, csrf: string, action: string, errors: Record<string, string>): string {
  if (page.provider.authType === "oauth2") return "";
  const fields = page.provider.credentialFields
    .map((f) => `<p><label>${esc(f.label)}${f.required ? "" : " (optional)"}<br><input name="${esc(f.name)}" type="${f.secret ? "password" : "text"}" autocomplete="off"${f.required ? " required" : ""}></label>${errors[f.name] ? `<br><strong role="alert">${esc(errors[f.name] ?? "")}</strong>` : ""}</p>`)
    .join("");
  const formError = errors._form ? `<p role="alert"><strong>${esc(errors._form)}</strong></p>` : "";
  return `<p>Paste your ${esc(page.provider.name)} credentials. They are stored encrypted and shared only with ${esc(page.service.name)}.</p>${formError}
<form method="post" action="${esc(action)}"><input type="hidden" name="csrf" value="${esc(csrf)}">${fields}<button type="submit">Connect ${esc(page.provider.name)}</button></form>`;
}

export function grantPageHtml(page: Extract<GrantPage, { kind: "open" }>, csrf: string, action: string, errors: Record<string, string> = {}): string {
  if (page.provider.authType === "mtproto") {
    // Telegram: the phone login first (on its own page, armed to this browser); importing a session string stays available.
    return shell(
      `Connect ${page.provider.name}`,
      `<h1>${esc(page.service.name)} asks for your ${esc(page.provider.name)} account</h1>
<p>Sign in with your phone number: Telegram sends you a login code. The session is stored encrypted and shared only with ${esc(page.service.name)}. This link works once and expires at ${esc(page.request.expiresAt.toISOString())}.</p>
<form method="post" action="${esc(action)}"><input type="hidden" name="csrf" value="${esc(csrf)}"><input type="hidden" name="${TELEGRAM_LOGIN_FIELD}" value="phone"><button type="submit">Sign in with your phone number</button></form>
<details${Object.keys(errors).length ? " open" : ""}><summary>Import a session string instead</summary>${pasteForm(page, csrf, action, errors)}</details>`,
    );
  }
  if (page.provider.authType !== "oauth2") {
    return shell(`Connect ${page.provider.name}`, `<h1>${esc(page.service.name)} asks for your ${esc(page.provider.name)} account</h1>${pasteForm(page, csrf, action, errors)}`);
  }
  const scopes = page.scopes.length ? `<ul>${page.scopes.map((s) => `<li><code>${esc(s)}</code></li>`).join("")}</ul>` : "<p>No extra permissions.</p>";
  return shell(
    `Connect ${page.provider.name}`,
    `<h1>${esc(page.service.name)} asks for your ${esc(page.provider.name)} account</h1>
<p><strong>${esc(page.service.name)}</strong> wants to use your <strong>${esc(page.provider.name)}</strong> account with these permissions:</p>${scopes}
<p>Continue takes you to ${esc(page.provider.name)} to sign in and approve. Afterwards you return to ${esc(page.service.name)}. This link works once and expires at ${esc(page.request.expiresAt.toISOString())}.</p>
<form method="post" action="${esc(action)}"><input type="hidden" name="csrf" value="${esc(csrf)}"><button type="submit">Continue to ${esc(page.provider.name)}</button></form>`,
  );
}

export function grantMessageHtml(title: string, message: string): string {
  return shell(title, `<h1>${esc(title)}</h1><p>${esc(message)}</p>`);
}
