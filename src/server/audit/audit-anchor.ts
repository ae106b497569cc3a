/**
 * Anchors of the audit chain: a head (seq N and entry N's hash) written down outside the database.
 * The chain alone cannot tell a genuine tail from one that someone with write access recomputed or
 * appended; an anchor can — entry N must still be there with the same hash, and since each hash
 * covers the one before, so must every entry before it. Entries after the newest anchor are as
 * trustworthy as the database until the next anchor is taken.
 *
 * The written form is `N:<hex>`; `audit:verify` prints the head as `audit head seq=N sha256=<hex>`,
 * and that line is accepted as it is, so an operator can append it to an anchors file unchanged.
 */

export type AuditAnchor = { seq: number; hash: string };

/** The head line `audit:verify` prints for an intact chain: keep its format stable (docs/operations.md). */
export function headLine(anchor: AuditAnchor): string {
  return `audit head seq=${String(anchor.seq)} sha256=${anchor.hash}`;
}

const SHORT = /^(\d{1,15}):([0-9a-fA-F]{64})$/;
const HEAD = /\bseq=(\d{1,15}) sha256=([0-9a-fA-F]{64})\b/;

/** One anchor as written (`N:<hex>` or a head line); undefined when it is neither. */
export function parseAnchor(text: string): AuditAnchor | undefined {
  const trimmed = text.trim();
  const match = SHORT.exec(trimmed) ?? HEAD.exec(trimmed);
  if (!match?.[1] || !match[2]) return undefined;
  return { seq: Number(match[1]), hash: match[2].toLowerCase() };
}

/**
 * The anchors of a file's text: one per line; blank lines and lines starting with # are skipped.
 * @throws Error naming the first line that is not an anchor.
 */
export function parseAnchorFile(text: string, name: string): AuditAnchor[] {
  const anchors: AuditAnchor[] = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const anchor = parseAnchor(line);
    if (!anchor) throw new Error(`${name}:${String(index + 1)}: not an anchor (expected N:<sha256 hex>)`);
    anchors.push(anchor);
  }
  return anchors;
}

/**
 * The anchors by seq, each seq once.
 * @throws Error when two anchors give one seq different hashes: they cannot both hold.
 */
export function anchorsBySeq(anchors: readonly AuditAnchor[]): Map<number, string> {
  const bySeq = new Map<number, string>();
  for (const { seq, hash } of anchors) {
    const known = bySeq.get(seq);
    if (known !== undefined && known !== hash) {
      throw new Error(`two anchors for seq ${String(seq)} disagree: ${known} and ${hash}`);
    }
    bySeq.set(seq, hash);
  }
  return bySeq;
}
