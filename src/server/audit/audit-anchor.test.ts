import { describe, expect, it } from 'vitest';
import { anchorsBySeq, headLine, parseAnchor, parseAnchorFile } from './audit-anchor';

const HEX = 'ab'.repeat(32);

describe('anchors as an operator writes them down', () => {
  it('reads N:<hex> and the head line audit:verify prints, unchanged', () => {
    expect(parseAnchor(`120:${HEX}`)).toEqual({ seq: 120, hash: HEX });
    expect(parseAnchor(`  120:${HEX.toUpperCase()}  `)).toEqual({ seq: 120, hash: HEX });
    expect(parseAnchor(headLine({ seq: 48213, hash: HEX }))).toEqual({ seq: 48213, hash: HEX });
    expect(headLine({ seq: 7, hash: HEX })).toBe(`audit head seq=7 sha256=${HEX}`);
  });

  it('refuses what is not an anchor', () => {
    for (const text of ['', '120', `x:${HEX}`, `-1:${HEX}`, `120:${HEX.slice(1)}`, `120:${HEX}0`, '120:zz']) {
      expect(parseAnchor(text), text).toBeUndefined();
    }
  });

  it('a file: one per line, comments and blank lines skipped, a bad line named by its number', () => {
    const text = `# nightly\n\n12:${HEX}\n2026-03-02 audit head seq=40 sha256=${HEX}\r\n`;
    expect(parseAnchorFile(text, 'anchors.log')).toEqual([
      { seq: 12, hash: HEX },
      { seq: 40, hash: HEX },
    ]);
    expect(() => parseAnchorFile(`12:${HEX}\nseq 13\n`, 'anchors.log')).toThrow('anchors.log:2: not an anchor');
  });

  it('the same anchor twice is one; two hashes for one seq cannot both hold', () => {
    expect(
      anchorsBySeq([
        { seq: 3, hash: HEX },
        { seq: 3, hash: HEX },
      ]),
    ).toEqual(new Map([[3, HEX]]));
    expect(() =>
      anchorsBySeq([
        { seq: 3, hash: HEX },
        { seq: 3, hash: 'cd'.repeat(32) },
      ]),
    ).toThrow('two anchors for seq 3 disagree');
  });
});
