/** Whole minutes and seconds left until `expiresAt` (ISO) at `now`, or null once it has passed. */
export function timeLeft(expiresAt: string, now: Date): { minutes: number; seconds: number } | null {
  const ms = Date.parse(expiresAt) - now.getTime();
  if (!(ms > 0)) return null;
  const total = Math.ceil(ms / 1000);
  return { minutes: Math.floor(total / 60), seconds: total % 60 };
}
