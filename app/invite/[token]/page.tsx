import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptInvitation } from "@/components/orgs/accept-invitation";
import { currentUser } from "@/lib/auth/require-user";
import { serverApi } from "@/lib/trpc/server";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

// /invite/:token – a signed-in person accepts an organization invitation (single use).
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`);
  const preview = await (await serverApi()).orgs.previewInvitation({ token });
  return (
    <AuthCard
      title={preview ? `Join ${preview.orgName}` : "Invitation not valid"}
      subtitle="Organization invitation"
      footer={{ text: "Not now?", linkLabel: "Back to the dashboard", href: "/dashboard" }}
    >
      {preview ? (
        <AcceptInvitation token={token} orgName={preview.orgName} role={preview.role} email={user.email} />
      ) : (
        <p className="text-sm text-zinc-600">This link was already used, was revoked, or has expired. Ask for a new one.</p>
      )}
    </AuthCard>
  );
}
