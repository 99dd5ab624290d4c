import { z } from "zod";

export const emailSchema = z.string().trim().toLowerCase().email("Enter a valid email address").max(254);
export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters")
  .max(200, "Use at most 200 characters");

export const signUpInput = z.object({
  name: z.string().trim().min(1, "Enter your name").max(100),
  email: emailSchema,
  password: passwordSchema,
  organization: z.string().trim().min(2, "Enter your organization's name").max(80),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(200),
});
export type SignInInput = z.infer<typeof signInInput>;

export const tenantDto = z.object({ id: z.string(), slug: z.string(), name: z.string() });
export type TenantDto = z.infer<typeof tenantDto>;
