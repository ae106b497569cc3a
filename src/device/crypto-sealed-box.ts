/**
 * Sealed boxes for what the pull writes: anyone holding the phone's public pull-seal key can seal,
 * only the data key opens. A locked phone (or the service worker with no window to lend it the data
 * key) stores a clerk's note sealed without being able to read it back.
 *
 * - The phone's X25519 key pair is derived from the data key (HKDF-SHA-256, info
 *   "daiban/pull-seal/x25519"): nothing new is kept secret, a PIN change (the same data key re-wrapped)
 *   keeps it, and a context that borrows the data key can open too.
 * - Each box has its own ephemeral X25519 key pair. The shared secret goes through HKDF-SHA-256 (salt:
 *   ephemeral public key ‖ recipient public key) to a one-time AES-256-GCM key and nonce; the record's
 *   place ("<table>/<id>") is the additional data, as in crypto-record: a box moved onto another record
 *   does not open. Layout: `ephemeral public key (32) ‖ ciphertext ‖ tag (16)`.
 *
 * Synchronous (@noble/curves, @noble/hashes, @noble/ciphers; audited) for the same reason as
 * crypto-record: the IndexedDB middleware cannot await inside a transaction.
 */
import { gcm } from '@noble/ciphers/aes.js';
import { x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { SealedDataError } from './crypto-record';

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_PAIR_INFO = new TextEncoder().encode('daiban/pull-seal/x25519');
const BOX_KEY_INFO = new TextEncoder().encode('daiban/pull-seal/aes-256-gcm');

/** The phone's pull-seal key pair (X25519). */
export type PullSealKeyPair = { secretKey: Uint8Array; publicKey: Uint8Array };

/** The key pair derived from the 32-byte data key (the same data key always gives the same pair). */
export function pullSealKeyPair(dataKey: Uint8Array): PullSealKeyPair {
  const secretKey = hkdf(sha256, dataKey, undefined, KEY_PAIR_INFO, KEY_BYTES);
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** The one-time AES-GCM key ‖ nonce for a box, from the shared secret and both public keys. */
function boxKey(shared: Uint8Array, ephemeralPublic: Uint8Array, recipientPublic: Uint8Array): Uint8Array {
  return hkdf(sha256, shared, concat(ephemeralPublic, recipientPublic), BOX_KEY_INFO, KEY_BYTES + NONCE_BYTES);
}

function aes(key: Uint8Array, place: string): ReturnType<typeof gcm> {
  return gcm(key.subarray(0, KEY_BYTES), key.subarray(KEY_BYTES), new TextEncoder().encode(place));
}

/** Seals `plain` for `place` to the holder of `recipientPublic`'s secret key. Needs no secret. */
export function sealBox(recipientPublic: Uint8Array, plain: Uint8Array, place: string): ArrayBuffer {
  const ephemeral = x25519.keygen();
  const shared = x25519.getSharedSecret(ephemeral.secretKey, recipientPublic);
  const sealed = aes(boxKey(shared, ephemeral.publicKey, recipientPublic), place).encrypt(plain);
  return concat(ephemeral.publicKey, sealed).slice().buffer;
}

/**
 * Opening a box costs a scalar multiplication; a live query re-reads every notice on each change.
 * The one-time keys of boxes already opened are remembered per key pair (dropped with it, i.e. when
 * the data key goes), at most MAX_REMEMBERED per pair.
 */
const remembered = new WeakMap<PullSealKeyPair, Map<string, Uint8Array>>();
const MAX_REMEMBERED = 2000;

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

function openingKey(pair: PullSealKeyPair, ephemeralPublic: Uint8Array): Uint8Array {
  let keys = remembered.get(pair);
  if (!keys) {
    keys = new Map();
    remembered.set(pair, keys);
  }
  const id = hex(ephemeralPublic);
  const known = keys.get(id);
  if (known) return known;
  const key = boxKey(x25519.getSharedSecret(pair.secretKey, ephemeralPublic), ephemeralPublic, pair.publicKey);
  if (keys.size >= MAX_REMEMBERED) keys.clear();
  keys.set(id, key);
  return key;
}

/**
 * Opens what sealBox made for `place` with the recipient's key pair.
 * @throws SealedDataError when it does not open (another key pair, tampered, or another record's box).
 */
export function openBox(pair: PullSealKeyPair, box: ArrayBuffer | Uint8Array, place: string): Uint8Array {
  const bytes = box instanceof Uint8Array ? box : new Uint8Array(box);
  if (bytes.length < KEY_BYTES + TAG_BYTES) throw new SealedDataError(`Sealed box for ${place} is too short`);
  try {
    const ephemeralPublic = bytes.slice(0, KEY_BYTES);
    return aes(openingKey(pair, ephemeralPublic), place).decrypt(bytes.subarray(KEY_BYTES));
  } catch {
    throw new SealedDataError(`Sealed box for ${place} does not open`);
  }
}

/** sealBox for a JSON value. */
export function sealBoxJson(recipientPublic: Uint8Array, value: unknown, place: string): ArrayBuffer {
  return sealBox(recipientPublic, new TextEncoder().encode(JSON.stringify(value)), place);
}

/** openBox for a JSON value sealed by sealBoxJson. */
export function openBoxJson(pair: PullSealKeyPair, box: ArrayBuffer | Uint8Array, place: string): unknown {
  return JSON.parse(new TextDecoder().decode(openBox(pair, box, place)));
}
