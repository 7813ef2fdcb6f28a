/** The request header through which proxy.ts hands a page its CSP nonce (set by the proxy only). */
export const NONCE_HEADER = "x-nonce";
