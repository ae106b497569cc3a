/**
 * Masks a resident's name for lists and receipts (BRIEF §6: 张*三): the first and last characters
 * stay, everything between becomes *. A two-character name keeps its first character (张*); a single
 * character is shown as *.
 */
export function maskName(name: string): string {
  // Code points, so a rare character outside the BMP (e.g. 𠮷) counts as one.
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0] ?? ''}*`;
  return `${chars[0] ?? ''}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1] ?? ''}`;
}
