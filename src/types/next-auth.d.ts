import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user?: DefaultSession["user"] & { id: string };
  }
  interface User {
    /** users.session_version when they signed in (verifyCredentials) */
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** the account's session version at sign-in (users.session_version); absent in tokens minted before it existed */
    sessionVersion?: number;
  }
}
