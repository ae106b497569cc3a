import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadLargeText, saveLargeText } from './display-preferences';

function memoryStorage(): Map<string, string> {
  const items = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      items.set(key, value);
    },
    removeItem: (key: string) => {
      items.delete(key);
    },
  });
  return items;
}

describe('大字模式 is remembered on this browser', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('off until turned on, then on until turned off', () => {
    const items = memoryStorage();
    expect(loadLargeText()).toBe(false);
    saveLargeText(true);
    expect(loadLargeText()).toBe(true);
    saveLargeText(false);
    expect(loadLargeText()).toBe(false);
    expect(items.size).toBe(0);
  });

  it('a browser that refuses storage simply does not remember', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    });
    expect(() => {
      saveLargeText(true);
    }).not.toThrow();
    expect(loadLargeText()).toBe(false);
  });
});
