import { describe, expect, it } from 'vitest';
import { trackUrl } from './track-url';

describe('the QR code on the receipt', () => {
  it('opens the progress page with the receipt code and the tracking secret', () => {
    const url = new URL(trackUrl('https://daiban.example', '7KQ4-M2XD', 'abc_DEF-123'));
    expect(url.origin + url.pathname).toBe('https://daiban.example/track');
    expect(url.searchParams.get('code')).toBe('7KQ4-M2XD');
    expect(url.searchParams.get('t')).toBe('abc_DEF-123');
  });
});
