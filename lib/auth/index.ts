export { auth, signIn, signOut, handlers } from "./auth";
export { currentUser, requireUser, type SessionUser } from "./require-user";
export { socialProviders, isSocialProviderId, type SocialProvider, type SocialProviderId } from "./sign-in-providers";
export { SIGN_IN_PATH } from "./base-config";
export { safeCallbackPath } from "./safe-callback-path";
export { requestOrigin } from "./request-origin";
