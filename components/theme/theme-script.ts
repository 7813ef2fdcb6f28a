/**
 * Runs inline in <head> before the first paint, so a dark page never flashes light: the
 * saved choice (localStorage "akhrot-theme": "light" | "dark"; absent = follow the system)
 * or the system setting decides the `dark` class on <html>. It also follows a system change
 * while the page is open. The root layout gives it the page's CSP nonce (proxy.ts).
 */
export const THEME_STORAGE_KEY = "akhrot-theme";
export const THEME_EVENT = "akhrot-theme";

export const themeScript = `(function(){var k=${JSON.stringify(THEME_STORAGE_KEY)};var m=window.matchMedia("(prefers-color-scheme: dark)");function apply(){var t=null;try{t=localStorage.getItem(k)}catch(e){}var d=t==="dark"||(t!=="light"&&m.matches);document.documentElement.classList.toggle("dark",d)}apply();m.addEventListener("change",apply);window.addEventListener(${JSON.stringify(THEME_EVENT)},apply);window.addEventListener("storage",apply)})();`;
