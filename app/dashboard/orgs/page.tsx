import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/dashboard/page-header";
import { CreateOrgForm } from "@/components/orgs/create-org-form";
import { card } from "@/components/ui/styles";
import { requireUser } from "@/lib/auth";
import { serverApi } from "@/lib/trpc/server";

export const metadata: Metadata = { title: "Organizations" };
export const dynamic = "force-dynamic";

// /dashboard/orgs – the organizations you belong to, and a new one.
export default async function OrgsPage() {
  await requireUser();
  const orgs = await (await serverApi()).orgs.list();
  return (
    <>
      <PageHeader title="Organizations" description="An organization's services get their own keys and end users, managed with the AuthOS-compatible service API." />
      <ul className="mb-6 grid gap-3 sm:grid-cols-2" data-testid="org-list">
        {orgs.map((o) => (
          <li key={o.slug}>
            <Link href={`/dashboard/orgs/${o.slug}`} className={`${card} block p-4 hover:border-zinc-300`}>
              <span className="font-medium text-zinc-900">{o.name}</span>
              <span className="block text-xs text-zinc-500">
                {o.slug} · {o.role}
                {o.status !== "active" && ` · ${o.status}`}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <CreateOrgForm />
    </>
  );
}
