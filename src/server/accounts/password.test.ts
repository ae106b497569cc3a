import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('accepts the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('daiban123');
    expect(stored.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('daiban123', stored)).toBe(true);
    expect(await verifyPassword('daiban124', stored)).toBe(false);
  });

  it('never stores the password itself and salts every hash', async () => {
    const a = await hashPassword('daiban123');
    const b = await hashPassword('daiban123');
    expect(a).not.toContain('daiban123');
    expect(a).not.toBe(b);
  });

  it('treats a malformed stored hash as a failed check, not a crash', async () => {
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});
