import { describe, expect, it } from 'vitest';
import { hashedKey, MemoryWindows } from './rate-limit-store';

describe('rate-limit keys and the in-memory count', () => {
  it('a key keeps its cap name readable and hides the phone number behind the database’s secret', () => {
    const key = hashedKey('secret-a', 'login-phone:13712345678');
    expect(key).toMatch(/^login-phone:[0-9a-f]{64}$/);
    expect(key).not.toContain('12345678');
    expect(hashedKey('secret-a', 'login-phone:13712345678')).toBe(key);
    expect(hashedKey('secret-b', 'login-phone:13712345678')).not.toBe(key);
    expect(hashedKey('secret-a', 'login-address:13712345678')).not.toBe(key);
  });

  it('a window counts until it ends, then the next hit starts a new one', () => {
    const windows = new MemoryWindows(10);
    expect(windows.hit('k', 60_000, 0)).toEqual({ current: 1, ttl: 60_000 });
    expect(windows.hit('k', 60_000, 20_000)).toEqual({ current: 2, ttl: 40_000 });
    expect(windows.hit('k', 60_000, 60_000)).toEqual({ current: 1, ttl: 60_000 });
  });

  it('a flood of new keys cannot grow memory past its capacity: the oldest windows go first', () => {
    const windows = new MemoryWindows(3);
    for (const key of ['a', 'b', 'c']) windows.hit(key, 60_000, 0);
    windows.hit('a', 60_000, 1);
    windows.hit('d', 60_000, 2);
    // 'a' started first and is forgotten: its next hit counts from one.
    expect(windows.hit('a', 60_000, 3).current).toBe(1);
    expect(windows.hit('c', 60_000, 3).current).toBe(2);
  });
});
