/**
 * The keys a resident lookup is counted under: the client's address and the normalised code, 办件编号
 * or receipt code (whether a case has that code or not), so neither one address trying many codes nor many addresses
 * trying one code gets more than TRACK_FAILURE_LIMIT guesses per window.
 */
export function trackKeys(ip: string, code: string): string[] {
  return [`ip:${ip}`, `code:${code}`];
}
