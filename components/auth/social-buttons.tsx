import { siGithub, siGoogle } from "simple-icons";
import type { SocialProvider } from "@/lib/auth";
import { buttonSecondary } from "@/components/ui/styles";

const ICONS = { github: siGithub, google: siGoogle } as const;

type Props = { providers: SocialProvider[]; action: (form: FormData) => Promise<void>; callbackUrl?: string };

/** "Continue with GitHub/Google": rendered only for providers this instance configured. */
export function SocialButtons({ providers, action, callbackUrl }: Props) {
  if (providers.length === 0) return null;
  return (
    <div className="mt-6">
      <div className="relative mb-4 flex items-center" aria-hidden="true">
        <div className="flex-grow border-t border-zinc-200" />
        <span className="mx-3 text-xs uppercase tracking-wide text-zinc-500">or</span>
        <div className="flex-grow border-t border-zinc-200" />
      </div>
      <div className="space-y-2">
        {providers.map((p) => (
          <form key={p.id} action={action}>
            <input type="hidden" name="provider" value={p.id} />
            {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
            <button type="submit" className={`${buttonSecondary} w-full py-2.5`}>
              <svg viewBox="0 0 24 24" aria-hidden="true" className="h-4 w-4 fill-current">
                <path d={ICONS[p.id].path} />
              </svg>
              Continue with {p.name}
            </button>
          </form>
        ))}
      </div>
    </div>
  );
}
