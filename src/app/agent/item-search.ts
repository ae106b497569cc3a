/**
 * Finding an item the way agents type on a phone: Chinese characters, full pinyin without tones
 * ("laonianren"), or pinyin initials, whole or abbreviated with characters skipped the way people
 * shorten names ("lnrydz", or "ldz" → 老年人优待证 as 老…待证). Pinyin comes from pinyin-pro (context-aware
 * for polyphones), computed once per catalogue. Ranking: prefixes of the name, initials, full pinyin;
 * then infixes in the same order; then abbreviations; catalogue order otherwise.
 */
import { pinyin } from 'pinyin-pro';
import type { ServiceItem } from '../../domain/catalogue';

export type SearchEntry = {
  item: ServiceItem;
  /** The name without spaces or punctuation, for substring matches. */
  name: string;
  /** Initials of the Chinese characters, e.g. "lnryhz"… */
  initials: string;
  /** Full pinyin without tones or separators, ü written v. */
  full: string;
};

const PUNCTUATION = /[\s\p{P}\p{S}]/gu;

/** Prepares the catalogue for searching (pinyin computed once). */
export function indexItems(items: readonly ServiceItem[]): SearchEntry[] {
  return items.map((item) => {
    const syllables = pinyin(item.name, { toneType: 'none', type: 'array', nonZh: 'removed', v: true });
    return {
      item,
      name: item.name.replace(PUNCTUATION, '').toLowerCase(),
      initials: syllables.map((s) => s.charAt(0)).join(''),
      full: syllables.join(''),
    };
  });
}

/** What the agent typed, lower-cased, without spaces, apostrophes or punctuation. */
export function normaliseQuery(query: string): string {
  return query.replace(PUNCTUATION, '').toLowerCase();
}

/** Whether the letters of `query` appear in `text` in order, gaps allowed ("ldz" in "lnrydz"). */
function isSubsequence(query: string, text: string): boolean {
  let at = 0;
  for (const char of text) {
    if (char === query[at]) at += 1;
    if (at === query.length) return true;
  }
  return false;
}

function rank(entry: SearchEntry, query: string): number | null {
  const candidates = [entry.name, entry.initials, entry.full];
  for (const [i, text] of candidates.entries()) if (text.startsWith(query)) return i;
  for (const [i, text] of candidates.entries()) if (text.includes(query)) return candidates.length + i;
  // Abbreviations skip characters: 老(l)年人优待(d)证(z) is "ldz". Starting on the first character ranks higher.
  if (query.length >= 2 && isSubsequence(query, entry.initials))
    return entry.initials.startsWith(query.charAt(0)) ? 6 : 7;
  return null;
}

/** The items matching `query`, best first; every item when the query is blank. */
export function searchItems(index: readonly SearchEntry[], query: string): ServiceItem[] {
  const q = normaliseQuery(query);
  if (q === '') return index.map((e) => e.item);
  return index
    .map((entry, position) => ({ entry, position, score: rank(entry, q) }))
    .filter((hit): hit is { entry: SearchEntry; position: number; score: number } => hit.score !== null)
    .sort((a, b) => a.score - b.score || a.position - b.position)
    .map((hit) => hit.entry.item);
}
