import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { env } from "@/server/env";
import { createSharedLimiter, type KeyLimiter } from "@/server/rest/rate-limit";

/** Sign-in and sign-up attempts are counted over this window, per source address and per email. */
export const AUTH_ATTEMPT_WINDOW_SECONDS = 15 * 60;

export type AuthAttemptLimits = { perAddress: number; perAccount: number };

type Limiters = { limits: AuthAttemptLimits; byDb: WeakMap<Db, { address: KeyLimiter; account: KeyLimiter; linkAddress: KeyLimiter }> };

// globalThis: the tRPC route and the next-auth route are separate modules in Next; one budget for both
const g = globalThis as unknown as { __hooklineAuthThrottle?: Limiters };

function limiters(): Limiters {
  return (g.__hooklineAuthThrottle ??= {
    limits: { perAddress: env().authAttemptsPerAddress, perAccount: env().authAttemptsPerAccount },
    byDb: new WeakMap(),
  });
}

/** Replaces the limits (tests use tiny ones); existing budgets start over. */
export function configureAuthThrottle(limits: AuthAttemptLimits): void {
  g.__hooklineAuthThrottle = { limits, byDb: new WeakMap() };
}

function limitersFor(db: Db) {
  const { limits, byDb } = limiters();
  let pair = byDb.get(db);
  if (!pair) {
    pair = {
      address: createSharedLimiter(db, { points: limits.perAddress, durationSeconds: AUTH_ATTEMPT_WINDOW_SECONDS }, "auth-address"),
      account: createSharedLimiter(db, { points: limits.perAccount, durationSeconds: AUTH_ATTEMPT_WINDOW_SECONDS }, "auth-account"),
      linkAddress: createSharedLimiter(db, { points: limits.perAddress, durationSeconds: AUTH_ATTEMPT_WINDOW_SECONDS }, "auth-link-address"),
    };
    byDb.set(db, pair);
  }
  return { limits, ...pair };
}

export type AuthAttempt = { clientAddress: string | null; email: string };

/**
 * Counts one sign-in or sign-up attempt against its source address and its email, before any password is
 * hashed; throws RATE_LIMITED (with `retry_after_seconds`) once either budget is spent. Every attempt
 * counts, successful or not, so the answer says nothing about whether the account exists.
 */
export async function consumeAuthAttempt({ db, attempt }: { db: Db; attempt: AuthAttempt }): Promise<void> {
  const { limits, address, account } = limitersFor(db);
  const email = attempt.email.trim().toLowerCase();
  const [byAddress, byAccount] = await Promise.all([
    attempt.clientAddress ? address.consume(attempt.clientAddress) : null,
    account.consume(email),
  ]);
  const refusals = [
    byAddress && byAddress.consumedPoints > limits.perAddress ? byAddress.msBeforeNext : null,
    byAccount.consumedPoints > limits.perAccount ? byAccount.msBeforeNext : null,
  ].filter((ms): ms is number => ms !== null);
  if (refusals.length === 0) return;
  throw tooManyAttempts(Math.max(...refusals));
}

/**
 * Counts one use of an emailed link's token (an invitation opened or accepted, a password reset) against
 * its source address, with the same budget as sign-ins but its own count: a guessed token costs an attempt
 * before any lookup. Throws RATE_LIMITED once it is spent.
 */
export async function consumeLinkAttempt({ db, clientAddress }: { db: Db; clientAddress: string | null }): Promise<void> {
  if (!clientAddress) return;
  const { limits, linkAddress } = limitersFor(db);
  const consumed = await linkAddress.consume(clientAddress);
  if (consumed.consumedPoints > limits.perAddress) throw tooManyAttempts(consumed.msBeforeNext);
}

function tooManyAttempts(msBeforeNext: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AppError(
    "RATE_LIMITED",
    `Too many attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute${retryAfterSeconds > 60 ? "s" : ""}.`,
    { retry_after_seconds: retryAfterSeconds },
  );
}
