/**
 * Creating an account from the public form: policy (AKHROT_SIGNUP), limits per client IP and
 * per email before any argon2 work (S7), then the account.
 *
 * With a real e-mail sender the answer is "check your inbox" whether or not the address is
 * taken (S10): the password is hashed either way, the mail goes out after the answer, and the
 * owner of a taken address gets a note instead of a link. Without a sender (development, e2e,
 * instances without mail) nothing can be proven, so the account signs in at once and a taken
 * address is said to be taken, as before; in development the verification link is logged.
 */
import type { DbOrTx } from "@/db";
import { findUserByEmail } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { baseUrl } from "@/lib/api/base-url";
import { afterResponse } from "@/lib/api/defer";
import { emailDeliverable, emailSenderConfigured, sendEmail } from "@/lib/email/send-email";
import { getAuthLimiter } from "@/lib/ratelimit";
import { checkAuthRate } from "./check-auth-rate";
import { createUser } from "./create-user";
import { signUpAllowed } from "./sign-up-policy";
import { sendVerificationEmail } from "./verify-email";

export type SignUpResult =
  | { status: "signed_up"; user: User }
  | { status: "check_inbox" }
  | { status: "email_taken" }
  | { status: "closed" }
  | { status: "throttled"; minutes: number };

export async function signUp(db: DbOrTx, input: { email: string; password: string }, ip: string): Promise<SignUpResult> {
  if (!signUpAllowed("form")) return { status: "closed" };
  const minutes = await checkAuthRate("sign-up", { email: input.email, ip });
  if (minutes) return { status: "throttled", minutes };
  const created = await createUser(db, input);
  const proving = emailSenderConfigured();
  if (created.ok) {
    if (emailDeliverable()) afterResponse(() => sendVerificationEmail(db, created.user));
    return proving ? { status: "check_inbox" } : { status: "signed_up", user: created.user };
  }
  if (!proving) return { status: "email_taken" };
  afterResponse(() => tellOwnerOfTakenAddress(db, input.email));
  return { status: "check_inbox" };
}

async function tellOwnerOfTakenAddress(db: DbOrTx, email: string): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user || !(await (await getAuthLimiter("email-recipient")).limit(user.email.toLowerCase())).success) return;
  await sendEmail({
    to: user.email,
    subject: "Someone tried to create an Akhrot account with your address",
    text: `Your address already has an Akhrot account, so no new one was created.\n\nSign in: ${baseUrl()}/sign-in\nForgot your password? ${baseUrl()}/forgot-password\n\nIf this was not you, you can ignore this message.\n`,
  });
}

/**
 * For organization invitations (lib/orgs): create the invitee's account. The invitation link
 * proved the address, so the account starts verified; every AKHROT_SIGNUP mode accepts it.
 */
export async function createInvitedUser(db: DbOrTx, input: { email: string; password: string; name?: string }) {
  return createUser(db, { ...input, verified: signUpAllowed("invitation") });
}
