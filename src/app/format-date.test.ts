import { describe, expect, it } from 'vitest';
import { formatDateTime } from './format-date';

describe('times in lists', () => {
  const now = new Date(2026, 2, 2, 15, 0);

  it('today and yesterday read as words, older days as dates', () => {
    expect(formatDateTime(new Date(2026, 2, 2, 9, 5).toISOString(), now)).toBe('今天 09:05');
    expect(formatDateTime(new Date(2026, 2, 1, 18, 30).toISOString(), now)).toBe('昨天 18:30');
    expect(formatDateTime(new Date(2026, 1, 23, 8, 0).toISOString(), now)).toBe('2026年2月23日 08:00');
  });

  it('an unreadable time is shown as stored', () => {
    expect(formatDateTime('garbage', now)).toBe('garbage');
  });
});
