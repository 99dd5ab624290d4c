import { ResetPasswordForm } from "./reset-password-form";

export const metadata = { title: "Choose a new password", referrer: "no-referrer" };

// GET /reset-password/{token} — a password reset link: choose a new password, which signs out every session
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <ResetPasswordForm token={token} />;
}
