import type { EmailMessage } from "./mailer";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** One short message in plain text and in simple HTML: paragraphs, then the link as a button and in full. */
function linkEmail({ to, subject, paragraphs, action, link, footer }: {
  to: string;
  subject: string;
  paragraphs: string[];
  action: string;
  link: string;
  footer: string;
}): EmailMessage {
  const text = [...paragraphs, `${action}: ${link}`, footer].join("\n\n");
  const html = [
    '<div style="font-family:system-ui,sans-serif;font-size:14px;line-height:1.5;color:#0f172a;max-width:560px">',
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${escapeHtml(link)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:8px 14px;border-radius:6px;text-decoration:none">${escapeHtml(action)}</a></p>`,
    `<p style="font-size:12px;color:#64748b">Or open this link: ${escapeHtml(link)}</p>`,
    `<p style="font-size:12px;color:#64748b">${escapeHtml(footer)}</p>`,
    "</div>",
  ].join("\n");
  return { to, subject, text, html };
}

export function invitationEmail({ to, tenantName, role, invitedBy, link, expiresAt }: {
  to: string;
  tenantName: string;
  role: string;
  invitedBy: string;
  link: string;
  expiresAt: Date;
}): EmailMessage {
  return linkEmail({
    to,
    subject: `You are invited to ${tenantName} on Hookline`,
    paragraphs: [`${invitedBy} invited you to join ${tenantName} on Hookline as ${role}.`],
    action: "Accept the invitation",
    link,
    footer: `The link works once, until ${expiresAt.toUTCString()}. If you did not expect it, ignore this email.`,
  });
}

export function passwordResetEmail({ to, link, validMinutes }: { to: string; link: string; validMinutes: number }): EmailMessage {
  return linkEmail({
    to,
    subject: "Reset your Hookline password",
    paragraphs: ["Someone, hopefully you, asked to reset the password of your Hookline account."],
    action: "Choose a new password",
    link,
    footer: `The link works once, for ${validMinutes} minutes; choosing a new password signs you out everywhere. If you did not ask, ignore this email: your password stays as it is.`,
  });
}
