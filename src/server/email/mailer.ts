import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/server/env";
import type { EmailSettings } from "@/server/env-loader";

export type EmailMessage = { to: string; subject: string; text: string; html: string };

/** sent: the mail server accepted it; not_configured: no HOOKLINE_SMTP_URL; failed: the server refused or was unreachable. */
export type EmailOutcome = "sent" | "not_configured" | "failed";

type Mailer = { from: string; transport: Transporter };

// globalThis: route handlers and server components are separate module graphs in Next; one transport for all
const g = globalThis as unknown as { __hooklineMailer?: Mailer | null };

function mailerFor(settings: EmailSettings | null): Mailer | null {
  if (!settings) return null;
  // bounded waits: a mail server that hangs must not hold an invitation request for minutes
  const transport = nodemailer.createTransport(settings.smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return { from: settings.from, transport };
}

function mailer(): Mailer | null {
  if (g.__hooklineMailer === undefined) g.__hooklineMailer = mailerFor(env().email);
  return g.__hooklineMailer;
}

/** Replaces the mail settings of this process (tests point it at their own SMTP server, or turn it off). */
export function configureEmail(settings: EmailSettings | null): void {
  g.__hooklineMailer?.transport.close();
  g.__hooklineMailer = mailerFor(settings);
}

/** Whether this install sends email; without it the portal shows links to copy instead. */
export function emailConfigured(): boolean {
  return mailer() !== null;
}

/** Hands one message to the mail server; a failure is logged and reported, never thrown. */
export async function sendEmail(message: EmailMessage): Promise<EmailOutcome> {
  const configured = mailer();
  if (!configured) return "not_configured";
  try {
    await configured.transport.sendMail({ from: configured.from, ...message });
    return "sent";
  } catch (error) {
    console.error(`[email] could not send "${message.subject}":`, error instanceof Error ? error.message : error);
    return "failed";
  }
}
