/**
 * The PIN's key and the data key's wrapping, all WebCrypto (no hand-written crypto):
 * PIN → PBKDF2-SHA-256 (random 16-byte salt, PIN_ITERATIONS) → AES-KW key, which wraps the random
 * 256-bit data key. AES-KW carries its own integrity check, so a wrong PIN makes the unwrap fail:
 * nothing about the PIN is stored besides the salt, the iteration count and the wrapped key.
 */

/**
 * PBKDF2 iterations for new PINs (and on every PIN change). OWASP's 600 000 for PBKDF2-HMAC-SHA256;
 * measured in docs/security.md. Stored beside the wrapped key, so a later change applies to new PINs
 * without breaking old ones.
 */
export const PIN_ITERATIONS = 600_000;

export const SALT_BYTES = 16;

/** The derived key that wraps and unwraps the data key; never stored. */
export async function derivePinKey(pin: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations },
    material,
    { name: 'AES-KW', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/** A fresh random 256-bit data key (raw bytes). */
export function newDataKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(32));
}

export function newSalt(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(SALT_BYTES));
}

/** The data key wrapped (AES-KW, RFC 3394) under the PIN's key. */
export async function wrapDataKey(dataKey: Uint8Array, pinKey: CryptoKey): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey('raw', new Uint8Array(dataKey), 'AES-GCM', true, ['encrypt', 'decrypt']);
  return crypto.subtle.wrapKey('raw', key, pinKey, 'AES-KW');
}

/** The data key, or null when `pinKey` is not the one it was wrapped under (a wrong PIN). */
export async function unwrapDataKey(wrapped: ArrayBuffer, pinKey: CryptoKey): Promise<Uint8Array | null> {
  try {
    const key = await crypto.subtle.unwrapKey('raw', wrapped, pinKey, 'AES-KW', 'AES-GCM', true, [
      'encrypt',
      'decrypt',
    ]);
    return new Uint8Array(await crypto.subtle.exportKey('raw', key));
  } catch {
    return null;
  }
}
