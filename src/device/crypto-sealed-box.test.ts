import { describe, expect, it } from 'vitest';
import { newDataKey } from './crypto-pin';
import { SealedDataError } from './crypto-record';
import { openBox, openBoxJson, pullSealKeyPair, sealBox, sealBoxJson } from './crypto-sealed-box';

const note = { note: '张三身份证已过期', items: [{ materialKey: 'idCard', note: '请重新拍摄' }] };

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe('sealed boxes for what the pull writes', () => {
  it('a note sealed with the public key alone opens with the key pair of the same data key', () => {
    const dataKey = newDataKey();
    const { publicKey } = pullSealKeyPair(dataKey);
    const box = sealBoxJson(publicKey, note, 'notices/7');
    expect(contains(new Uint8Array(box), new TextEncoder().encode('张三'))).toBe(false);
    // The pair is derived again from the data key (after a restart, a PIN change, in the worker).
    expect(openBoxJson(pullSealKeyPair(dataKey.slice()), box, 'notices/7')).toEqual(note);
  });

  it('sealing the same note twice gives two different boxes', () => {
    const { publicKey } = pullSealKeyPair(newDataKey());
    const plain = new TextEncoder().encode('同一条意见');
    expect(new Uint8Array(sealBox(publicKey, plain, 'notices/1'))).not.toEqual(
      new Uint8Array(sealBox(publicKey, plain, 'notices/1')),
    );
  });

  it('a box moved onto another record does not open', () => {
    const pair = pullSealKeyPair(newDataKey());
    const box = sealBoxJson(pair.publicKey, note, 'notices/7');
    expect(() => openBox(pair, box, 'notices/8')).toThrow(SealedDataError);
  });

  it('a tampered box does not open', () => {
    const pair = pullSealKeyPair(newDataKey());
    const box = new Uint8Array(sealBoxJson(pair.publicKey, note, 'notices/7'));
    const flipped = (at: number): Uint8Array => {
      const copy = box.slice();
      copy[at] = (copy[at] ?? 0) ^ 1;
      return copy;
    };
    expect(() => openBox(pair, flipped(box.length - 1), 'notices/7')).toThrow(SealedDataError);
    expect(() => openBox(pair, flipped(40), 'notices/7')).toThrow(SealedDataError);
    expect(() => openBox(pair, flipped(3), 'notices/7')).toThrow(SealedDataError);
    expect(() => openBox(pair, box.slice(0, 40), 'notices/7')).toThrow(SealedDataError);
    expect(openBoxJson(pair, box, 'notices/7')).toEqual(note);
  });

  it('a locked writer cannot open what it wrote: the public key, or another data key, opens nothing', () => {
    const owner = pullSealKeyPair(newDataKey());
    const box = sealBoxJson(owner.publicKey, note, 'cases/1');
    // All a locked phone holds is the public key.
    const lockedWriter = { secretKey: owner.publicKey, publicKey: owner.publicKey };
    expect(() => openBox(lockedWriter, box, 'cases/1')).toThrow(SealedDataError);
    expect(() => openBox(pullSealKeyPair(newDataKey()), box, 'cases/1')).toThrow(SealedDataError);
  });

  it('a box carrying a low-order ephemeral key is refused, not opened', () => {
    const pair = pullSealKeyPair(newDataKey());
    const forged = new Uint8Array(sealBoxJson(pair.publicKey, note, 'notices/7'));
    forged.fill(0, 0, 32);
    expect(() => openBox(pair, forged, 'notices/7')).toThrow(SealedDataError);
  });
});
