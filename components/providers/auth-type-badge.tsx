import type { AuthType } from "@/lib/providers";
import { authTypeLabel } from "@/lib/providers-view/provider-cards";

const tone: Record<AuthType, string> = {
  oauth2: "bg-sky-50 text-sky-800 ring-sky-600/20",
  api_key: "bg-violet-50 text-violet-800 ring-violet-600/20",
  mtproto: "bg-teal-50 text-teal-800 ring-teal-600/20",
};

export function AuthTypeBadge({ authType }: { authType: AuthType }) {
  return (
    <span data-testid="auth-type" className={`inline-flex flex-none items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone[authType]}`}>
      <span className="sr-only">Authentication: </span>
      {authTypeLabel[authType]}
    </span>
  );
}
