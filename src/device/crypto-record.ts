/**
 * AES-256-GCM for records at rest (the data key never leaves memory). Synchronous on purpose
 * (@noble/ciphers, audited): IndexedDB commits a transaction as soon as it waits on anything but its
 * own requests, so a record read, changed and written back inside one transaction cannot await
 * WebCrypto in between. Every sealed value is `IV (12 random bytes) ‖ ciphertext ‖ tag`, bound to
 * its place by the additional data (table and record id): a sealed value copied onto another record
 * does not open.
 */
import { gcm } from '@noble/ciphers/aes.js';

const IV_BYTES = 12;

/** A sealed value that does not open under this key and place (wrong key, edited, or moved). */
export class SealedDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedDataError';
  }
}

function additionalData(place: string): Uint8Array {
  return new TextEncoder().encode(place);
}

/** Encrypts `plain` for `place` (e.g. 'cases/<id>') under the 32-byte `key`; a fresh random IV each time. */
export function sealBytes(key: Uint8Array, plain: Uint8Array, place: string): ArrayBuffer {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = gcm(key, iv, additionalData(place)).encrypt(plain);
  const out = new Uint8Array(IV_BYTES + sealed.length);
  out.set(iv, 0);
  out.set(sealed, IV_BYTES);
  return out.buffer;
}

/**
 * Decrypts what sealBytes made for `place`.
 * @throws SealedDataError when it does not open (wrong key, tampered, or another record's value).
 */
export function openBytes(key: Uint8Array, sealed: ArrayBuffer | Uint8Array, place: string): Uint8Array {
  const bytes = sealed instanceof Uint8Array ? sealed : new Uint8Array(sealed);
  if (bytes.length < IV_BYTES + 16) throw new SealedDataError(`Sealed value for ${place} is too short`);
  try {
    return gcm(key, bytes.subarray(0, IV_BYTES), additionalData(place)).decrypt(bytes.subarray(IV_BYTES));
  } catch {
    throw new SealedDataError(`Sealed value for ${place} does not open`);
  }
}

/** sealBytes for a JSON value. */
export function sealJson(key: Uint8Array, value: unknown, place: string): ArrayBuffer {
  return sealBytes(key, new TextEncoder().encode(JSON.stringify(value)), place);
}

/** openBytes for a JSON value sealed by sealJson. */
export function openJson(key: Uint8Array, sealed: ArrayBuffer | Uint8Array, place: string): unknown {
  return JSON.parse(new TextDecoder().decode(openBytes(key, sealed, place)));
}
