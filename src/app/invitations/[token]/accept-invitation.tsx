"use client";
import { useState, type FormEvent, type ReactNode } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn, signOut } from "next-auth/react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { AuthCard, Field, TOO_MANY_ATTEMPTS } from "@/components/auth-card";
import { errorMessage, fieldErrorsOf } from "@/components/portal/errors";
import { invitationRefusalMessages, signUpWithInvitationInput } from "@/server/invitations/schemas";
import { useTRPC } from "@/trpc/client";

type Preview = { tenantName: string; email: string; role: string; invitedBy: string };

const buttonClass = "w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60";

/**
 * An invitation link's page: who invites whom into what, then the one step the visitor needs — join (signed
 * in as the invitee), sign in (the invitee has an account), or sign up with the invited email.
 */
export function AcceptInvitation({ token, signedInEmail }: { token: string; signedInEmail: string | null }) {
  const trpc = useTRPC();
  const preview = useQuery(trpc.invitations.preview.queryOptions({ token }, { retry: false, refetchOnWindowFocus: false }));
  if (preview.isPending) return <AuthCard title="Invitation" subtitle="Opening your invitation…">{null}</AuthCard>;
  if (preview.isError) return <Refused message={errorMessage(preview.error)} />;
  if (!preview.data.ok) return <Refused message={invitationRefusalMessages[preview.data.reason]} />;
  const invitation = preview.data;
  const subtitle = (
    <>
      {invitation.invitedBy} invited <span className="font-medium">{invitation.email}</span> to join{" "}
      <span className="font-medium" data-testid="invitation-tenant">{invitation.tenantName}</span> as <span className="font-medium">{invitation.role}</span>.
    </>
  );
  if (signedInEmail === invitation.email) return <Join token={token} invitation={invitation} subtitle={subtitle} />;
  if (signedInEmail) return <WrongAccount signedInEmail={signedInEmail} invitation={invitation} subtitle={subtitle} />;
  if (invitation.hasAccount) return <SignInToJoin token={token} invitation={invitation} subtitle={subtitle} />;
  return <SignUpToJoin token={token} invitation={invitation} subtitle={subtitle} />;
}

function Refused({ message }: { message: string }) {
  return (
    <AuthCard title="This invitation does not work" subtitle={<Link className="text-indigo-600 hover:underline" href="/signin">Go to sign in</Link>}>
      <p role="alert" className="text-sm text-slate-700 dark:text-slate-300">{message}</p>
    </AuthCard>
  );
}

type StepProps = { token: string; invitation: Preview; subtitle: ReactNode };

function useAccept(token: string) {
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(trpc.invitations.accept.mutationOptions());
  const switchTenant = useMutation(trpc.tenants.switch.mutationOptions());
  return {
    pending: accept.isPending || switchTenant.isPending,
    async join() {
      const { tenant } = await accept.mutateAsync({ token });
      // someone with tenants of their own lands in the one they just joined
      await switchTenant.mutateAsync({ slug: tenant.slug });
      router.replace("/dashboard");
      router.refresh();
    },
  };
}

function Join({ token, invitation, subtitle }: StepProps) {
  const { pending, join } = useAccept(token);
  const [error, setError] = useState<string>();
  return (
    <AuthCard title={`Join ${invitation.tenantName}`} subtitle={subtitle}>
      {error && <p role="alert" className="mb-3 text-sm text-red-600">{error}</p>}
      <button className={buttonClass} disabled={pending} onClick={() => join().catch((e: unknown) => setError(errorMessage(e)))}>
        {pending ? "Joining…" : `Join ${invitation.tenantName}`}
      </button>
    </AuthCard>
  );
}

function WrongAccount({ signedInEmail, invitation, subtitle }: { signedInEmail: string; invitation: Preview; subtitle: ReactNode }) {
  const router = useRouter();
  return (
    <AuthCard title={`Join ${invitation.tenantName}`} subtitle={subtitle}>
      <p className="mb-4 text-sm">
        You are signed in as <span className="font-medium">{signedInEmail}</span>. Sign out, then open this link again to accept it as {invitation.email}.
      </p>
      <button className={buttonClass} onClick={() => signOut({ redirect: false }).then(() => router.refresh())}>Sign out</button>
    </AuthCard>
  );
}

function SignInToJoin({ token, invitation, subtitle }: StepProps) {
  const { pending: joining, join } = useAccept(token);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    const password = String(new FormData(e.currentTarget).get("password") ?? "");
    const result = await signIn("credentials", { email: invitation.email, password, redirect: false });
    if (!result?.ok) {
      setPending(false);
      return setError(result?.status === 429 ? TOO_MANY_ATTEMPTS : "That password is not right");
    }
    await join().catch((e: unknown) => {
      setPending(false);
      setError(errorMessage(e));
    });
  }
  return (
    <AuthCard title={`Join ${invitation.tenantName}`} subtitle={subtitle}>
      <form className="space-y-4" onSubmit={onSubmit}>
        <p className="text-sm">Sign in as <span className="font-medium">{invitation.email}</span> to accept.</p>
        <Field label="Password" name="password" type="password" autoComplete="current-password" />
        {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
        <button className={buttonClass} disabled={pending || joining}>{pending || joining ? "Joining…" : "Sign in and join"}</button>
        <p className="text-xs"><Link className="text-indigo-600 hover:underline" href="/forgot-password">Forgot your password?</Link></p>
      </form>
    </AuthCard>
  );
}

function SignUpToJoin({ token, invitation, subtitle }: StepProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const signUp = useMutation(trpc.invitations.signUp.mutationOptions());
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = signUpWithInvitationInput.safeParse({ token, ...Object.fromEntries(new FormData(e.currentTarget)) });
    if (!parsed.success) return setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
    setErrors({});
    let joined;
    try {
      joined = await signUp.mutateAsync(parsed.data);
    } catch (error) {
      return setErrors({ ...fieldErrorsOf(error), form: errorMessage(error) });
    }
    const signedIn = await signIn("credentials", { email: joined.email, password: parsed.data.password, redirect: false });
    if (!signedIn?.ok) return setErrors({ form: signedIn?.status === 429 ? TOO_MANY_ATTEMPTS : "Your account is ready: sign in to continue." });
    // a new account has no other tenant: the portal opens on this one
    router.replace("/dashboard");
    router.refresh();
  }
  return (
    <AuthCard title={`Join ${invitation.tenantName}`} subtitle={subtitle}>
      <form noValidate className="space-y-4" onSubmit={onSubmit}>
        <p className="text-sm">Create your account as <span className="font-medium" data-testid="invited-email">{invitation.email}</span>.</p>
        <Field label="Your name" name="name" autoComplete="name" error={errors.name} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" error={errors.password} />
        {errors.form && <p role="alert" className="text-sm text-red-600">{errors.form}</p>}
        <button className={buttonClass} disabled={signUp.isPending}>{signUp.isPending ? "Creating…" : "Create account and join"}</button>
      </form>
    </AuthCard>
  );
}
