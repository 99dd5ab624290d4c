import { z } from "zod";
import { emailSchema, passwordSchema } from "@/server/tenants/schemas";

/** How long a reset link works: long enough to reach the inbox, short enough that an old email is useless. */
export const PASSWORD_RESET_VALID_MINUTES = 60;

/** The token in a reset link: `hlr_` and 43 base64url characters. */
export const PASSWORD_RESET_TOKEN_PREFIX = "hlr";

export const requestPasswordResetInput = z.strictObject({ email: emailSchema });
export type RequestPasswordResetInput = z.input<typeof requestPasswordResetInput>;

export const resetPasswordInput = z.strictObject({ token: z.string().max(100), password: passwordSchema });
export type ResetPasswordInput = z.input<typeof resetPasswordInput>;

export const PASSWORD_RESET_REFUSED = "This reset link does not work any more (it was used, has expired, or is incomplete). Ask for a new one.";
