import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Toaster } from "sonner";
import "./globals.css";
import { publicUrlFrom } from "@/server/env-loader";
import { TrpcProviders } from "@/trpc/client";

const description = "Signed, durably retried webhooks for every tenant.";

export const metadata: Metadata = {
  // link previews need absolute image URLs: the public origin, as in webhook bodies
  metadataBase: new URL(publicUrlFrom(process.env)),
  title: { default: "Hookline", template: "%s · Hookline" },
  description,
  icons: {
    icon: [
      { url: "/favicon.svg", type: "image/svg+xml" },
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
    ],
    apple: "/apple-touch-icon.png",
  },
  openGraph: {
    type: "website",
    siteName: "Hookline",
    title: "Hookline",
    description,
    images: [{ url: "/og.png", width: 1200, height: 630, alt: `Hookline: ${description}` }],
  },
  twitter: { card: "summary_large_image", title: "Hookline", description, images: ["/og.png"] },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <TrpcProviders>{children}</TrpcProviders>
        <Toaster richColors position="bottom-right" />
      </body>
    </html>
  );
}
