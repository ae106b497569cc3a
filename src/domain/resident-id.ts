/**
 * Resident identity numbers (GB 11643-1999): 6-digit region + YYYYMMDD birth date + 3-digit sequence
 * (odd: male, even: female) + a check character from ISO 7064 MOD 11-2 (BRIEF §6). A number is valid
 * only if its check character matches and its birth date is a real date not in the future.
 */
import { z } from 'zod';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type ResidentIdProblem = 'ID_FORMAT' | 'ID_CHECK_CHAR' | 'ID_BIRTH_DATE';

export type ResidentIdFacts = { birthDate: string; sex: 'male' | 'female' };

/** The check character the first 17 digits call for. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

/** Upper-cases a trailing x and drops spaces, the two ways people commonly type a valid number. */
export function normaliseResidentId(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/**
 * Checks a normalised number against today's date (YYYY-MM-DD, local to the caller).
 * Returns the facts the number carries, or the first problem found.
 */
export function checkResidentId(
  id: string,
  today: string,
): { ok: true; facts: ResidentIdFacts } | { ok: false; problem: ResidentIdProblem } {
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'ID_FORMAT' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!real || y < 1800 || birthDate > today) return { ok: false, problem: 'ID_BIRTH_DATE' };
  if (checkCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'ID_CHECK_CHAR' };
  const sex = Number(id[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, facts: { birthDate, sex } };
}

/** Today as YYYY-MM-DD in China Standard Time (UTC+8), where every resident's birthday is counted. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** A resident ID number: normalised, then checked; the message is the problem's code. */
export const residentIdSchema = z
  .string()
  .transform(normaliseResidentId)
  .superRefine((id, ctx) => {
    const result = checkResidentId(id, todayInChina());
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.problem });
  });

/** 11010519491231002X → 110105********002X (BRIEF §6: first 6 and last 4). */
export function maskResidentId(id: string): string {
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}
