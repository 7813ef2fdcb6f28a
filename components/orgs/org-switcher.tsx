"use client";

import { useRouter } from "next/navigation";
import { input } from "@/components/ui/styles";

/** Jump between the organizations the user belongs to. */
export function OrgSwitcher({ orgs, current }: { orgs: { slug: string; name: string }[]; current?: string }) {
  const router = useRouter();
  return (
    <div className="w-full sm:w-56">
      <label htmlFor="org-switcher" className="sr-only">
        Organization
      </label>
      <select id="org-switcher" className={input} value={current ?? ""} onChange={(e) => router.push(e.target.value ? `/dashboard/orgs/${e.target.value}` : "/dashboard/orgs")}>
        <option value="">All organizations</option>
        {orgs.map((o) => (
          <option key={o.slug} value={o.slug}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}
