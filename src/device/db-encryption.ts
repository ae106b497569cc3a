/**
 * Encryption at rest for the tables that hold personal data, as a Dexie DBCore middleware at the very
 * bottom of the stack: every layer above it (repositories, live queries, Dexie's caches) sees plain
 * records; IndexedDB only ever gets sealed ones.
 *
 * - `cases`: everything personal — applicant, answers, page and signature references (with the
 *   signer's name), receipt code, tracking secret and the 补正 answer — goes into one AES-GCM sealed
 *   JSON value under the data key; ids, item, status, dates, the server's status (`remote`) and sync
 *   progress stay in the clear for indexes and for a pull that runs while locked (only
 *   `resubmission.status` and `round` are copied out, for the index). The open 补正 notice in
 *   `remote.supplement` (the clerk's note and items) is a sealed box instead (see below).
 * - `photos`, `thumbs`: the image bytes are sealed; id, case id, type, size and SHA-256 stay.
 * - `notices`: the decision's `payload` (a clerk's note or reason, the 补正 items) is a sealed box;
 *   seq, case id, agent id, type, times and the payload's case `status` (clear in `cases.remote`
 *   anyway; the title of a locked notification uses it) stay.
 *
 * What the pull writes — notices and `remote.supplement` — may be written while locked (a background
 * sync), so it is sealed to the phone's public pull-seal key (crypto-sealed-box): sealing needs no
 * secret, opening needs the data key.
 *
 * Invariants:
 * - a record with a `sealed` value is read as the plain record while the key is in memory (crypto-
 *   record: the table and id are the additional data); without the key it reads as a locked view —
 *   clear fields, personal ones empty, `sealed` kept — and writing a locked view back changes only
 *   its clear fields (a pull updating `remote` while locked);
 * - once a PIN exists (data-key `encryptionRequired`) a plain record is never stored: without the key
 *   the write fails with DataLockedError. Before any PIN (a phone on its first sign-in, unit tests of
 *   other modules) records are stored as given; pin-repository seals them in one pass once a PIN is set;
 * - a sealed box (notice payload, 补正 notice) reads as plain while the data key is in memory, else as
 *   a locked view: the payload is `{ status }` only, `remote.supplement` is null, the box is kept.
 *   Writing the locked view back keeps the box; a notice's payload changed on a locked view is
 *   refused (DataLockedError). A box is written whenever the public key is known, locked or not;
 *   without it (no PIN yet, or a PIN older than the pull-seal key, until the next unlock) the pull's
 *   records are stored as given and pin-repository's pass seals them;
 * - `remote.supplement` exists only while `remote.status` is 'supplement' (sync-pull): a locked view
 *   whose status moved on drops its box with it.
 */
import type { DBCore, DBCoreCursor, DBCoreTable, Middleware } from 'dexie';
import { isCaseStatus } from '../domain/case-status';
import { openBytes, openJson, SealedDataError, sealBytes, sealJson } from './crypto-record';
import { openBoxJson, sealBoxJson } from './crypto-sealed-box';
import {
  currentDataKey,
  currentPullSealKey,
  currentPullSealKeyPair,
  DataLockedError,
  encryptionRequired,
  setEncryptionRequired,
} from './data-key';

/** The field that holds a record's sealed part (under the data key). */
export const SEALED_FIELD = 'sealed';

/** The field of a stored notice that holds its payload's sealed box. */
export const SEALED_PAYLOAD_FIELD = 'sealedPayload';

/** The field of a stored case's `remote` that holds the open 补正 notice's sealed box. */
export const SEALED_SUPPLEMENT_FIELD = 'sealedSupplement';

type Row = Record<string, unknown>;

/** How one table's records are split into a clear part and a sealed part. */
type Sealer = {
  /** The fields stored in the clear. */
  clearPart: (row: Row) => Row;
  seal: (row: Row, key: Uint8Array, place: string) => Row;
  open: (row: Row, key: Uint8Array, place: string) => Row;
  /** The record as seen without the key: clear fields, personal fields empty. */
  lockedView: (row: Row) => Row;
  /** Whether a locked view's personal fields are still the empty ones (nothing to seal). */
  untouched: (row: Row) => boolean;
};

const CASE_CLEAR_FIELDS = [
  'id',
  'itemCode',
  'itemVersion',
  'status',
  'createdAt',
  'updatedAt',
  'submittedAt',
  'agentId',
  'remote',
  'sync',
] as const;

function pick(row: Row, fields: readonly string[]): Row {
  const out: Row = {};
  for (const field of fields) if (field in row) out[field] = row[field];
  return out;
}

function omit(row: Row, fields: readonly string[]): Row {
  const out: Row = {};
  for (const [field, value] of Object.entries(row)) if (!fields.includes(field)) out[field] = value;
  return out;
}

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What the `resubmission.status` index needs, and nothing personal. */
function clearResubmission(value: unknown): Row | null | undefined {
  if (value === undefined) return undefined;
  if (!isRow(value)) return null;
  return { status: value.status, round: value.round };
}

function caseClearPart(row: Row): Row {
  const resubmission = clearResubmission(row.resubmission);
  return { ...pick(row, CASE_CLEAR_FIELDS), ...(resubmission === undefined ? {} : { resubmission }) };
}

const LOCKED_CASE_FIELDS: Row = {
  applicant: {},
  answers: {},
  pages: [],
  signature: null,
  receiptCode: null,
  trackSecret: null,
};

const caseSealer: Sealer = {
  clearPart: caseClearPart,
  seal(row, key, place) {
    const clear = pick(row, CASE_CLEAR_FIELDS);
    const personal: Row = {};
    for (const [field, value] of Object.entries(row)) if (!(field in clear)) personal[field] = value;
    return { ...caseClearPart(row), [SEALED_FIELD]: sealJson(key, personal, place) };
  },
  open(row, key, place) {
    const personal = openJson(key, row[SEALED_FIELD] as ArrayBuffer, place);
    return { ...omit(row, [SEALED_FIELD, 'resubmission']), ...(isRow(personal) ? personal : {}) };
  },
  lockedView(row) {
    return { ...LOCKED_CASE_FIELDS, ...row };
  },
  untouched(row) {
    const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
    return (
      Object.entries(LOCKED_CASE_FIELDS).every(([field, empty]) => !(field in row) || same(row[field], empty)) &&
      same(clearResubmission(row.resubmission), row.resubmission)
    );
  },
};

const bytesSealer: Sealer = {
  clearPart: (row) => omit(row, ['bytes', SEALED_FIELD]),
  seal(row, key, place) {
    const { bytes, ...clear } = row;
    const plain = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(0);
    return { ...clear, [SEALED_FIELD]: sealBytes(key, plain, place) };
  },
  open(row, key, place) {
    const { [SEALED_FIELD]: sealed, ...clear } = row;
    const plain = openBytes(key, sealed as ArrayBuffer, place);
    return { ...clear, bytes: plain.buffer.slice(plain.byteOffset, plain.byteOffset + plain.byteLength) };
  },
  lockedView(row) {
    return { bytes: new ArrayBuffer(0), ...row };
  },
  untouched(row) {
    return !(row.bytes instanceof ArrayBuffer) || row.bytes.byteLength === 0;
  },
};

/** The data-key part of a table: its record split into a clear part and a sealed one. */
function dataKeyToStorage(sealer: Sealer, row: Row, place: string): Row {
  if (SEALED_FIELD in row) {
    // A locked view written back: keep its sealed part, take only its clear fields. Personal
    // fields changed on a locked view cannot be sealed into it: refuse rather than lose them.
    if (!sealer.untouched(row)) throw new DataLockedError();
    return { ...sealer.clearPart(row), [SEALED_FIELD]: row[SEALED_FIELD] };
  }
  const key = currentDataKey();
  if (key) return sealer.seal(row, key, place);
  if (encryptionRequired()) throw new DataLockedError();
  return row;
}

function dataKeyFromStorage(sealer: Sealer, row: Row, place: string): Row {
  if (!(SEALED_FIELD in row)) return row;
  const key = currentDataKey();
  if (key) return sealer.open(row, key, place);
  // Sealed data exists, so a PIN does: never store a plain record from here on.
  setEncryptionRequired(true);
  return sealer.lockedView(row);
}

/** A stored box as bytes; anything else is a box that does not open. */
function boxBytes(box: unknown, place: string): ArrayBuffer | Uint8Array {
  if (box instanceof ArrayBuffer || box instanceof Uint8Array) return box;
  throw new SealedDataError(`Sealed box for ${place} is not bytes`);
}

/** The public key boxes are sealed to: the lock row's, or the data key's own while it is here. */
function sealingKey(): Uint8Array | null {
  return currentPullSealKey() ?? currentPullSealKeyPair()?.publicKey ?? null;
}

/** `remote` as stored: the open 补正 notice as a sealed box once the public key is known. */
function remoteToStorage(remote: unknown, place: string): unknown {
  if (!isRow(remote)) return remote;
  const { [SEALED_SUPPLEMENT_FIELD]: box, ...rest } = remote;
  const publicKey = sealingKey();
  if (isRow(rest.supplement)) {
    if (!publicKey) return rest;
    const { supplement, ...clear } = rest;
    return { ...clear, [SEALED_SUPPLEMENT_FIELD]: sealBoxJson(publicKey, supplement, place) };
  }
  // A locked view written back keeps its notice while the case still waits on it.
  const lockedView = box !== undefined && (rest.supplement ?? null) === null;
  return lockedView && rest.status === 'supplement'
    ? { ...omit(rest, ['supplement']), [SEALED_SUPPLEMENT_FIELD]: box }
    : rest;
}

function remoteFromStorage(remote: unknown, place: string): unknown {
  if (!isRow(remote) || !(SEALED_SUPPLEMENT_FIELD in remote)) return remote;
  const pair = currentPullSealKeyPair();
  if (!pair) return { ...remote, supplement: null };
  const { [SEALED_SUPPLEMENT_FIELD]: box, ...clear } = remote;
  return { ...clear, supplement: openBoxJson(pair, boxBytes(box, place), place) };
}

function withRemote(row: Row, change: (remote: unknown, place: string) => unknown, place: string): Row {
  return 'remote' in row ? { ...row, remote: change(row.remote, place) } : row;
}

/** What of a notice's payload stays in the clear: the case status (also clear in `cases.remote`). */
function clearPayload(payload: unknown): Row {
  const status = isRow(payload) ? payload.status : undefined;
  return isCaseStatus(status) ? { status } : {};
}

function noticeToStorage(row: Row, place: string): Row {
  if (SEALED_PAYLOAD_FIELD in row) {
    // A locked view written back (read or notified times): the box stays; a changed payload cannot.
    if (JSON.stringify(row.payload) !== JSON.stringify(clearPayload(row.payload))) throw new DataLockedError();
    return row;
  }
  const publicKey = sealingKey();
  if (!publicKey) return row;
  return {
    ...row,
    payload: clearPayload(row.payload),
    [SEALED_PAYLOAD_FIELD]: sealBoxJson(publicKey, row.payload ?? {}, place),
  };
}

function noticeFromStorage(row: Row, place: string): Row {
  if (!(SEALED_PAYLOAD_FIELD in row)) return row;
  const pair = currentPullSealKeyPair();
  if (!pair) {
    setEncryptionRequired(true);
    return row;
  }
  const { [SEALED_PAYLOAD_FIELD]: box, ...clear } = row;
  const payload = openBoxJson(pair, boxBytes(box, place), place);
  return { ...clear, payload: isRow(payload) ? payload : {} };
}

/** How one table's records go to storage and come back. */
type Codec = {
  /** The primary key, which names the record's place. */
  keyField: 'id' | 'seq';
  toStorage: (row: Row, place: string) => Row;
  fromStorage: (row: Row, place: string) => Row;
};

function dataKeyCodec(sealer: Sealer): Codec {
  return {
    keyField: 'id',
    toStorage: (row, place) => dataKeyToStorage(sealer, row, place),
    fromStorage: (row, place) => dataKeyFromStorage(sealer, row, place),
  };
}

/** The sealed tables and how each is stored. */
const SEALED_TABLES: Readonly<Record<string, Codec>> = {
  cases: {
    keyField: 'id',
    toStorage: (row, place) => dataKeyToStorage(caseSealer, withRemote(row, remoteToStorage, place), place),
    fromStorage: (row, place) => withRemote(dataKeyFromStorage(caseSealer, row, place), remoteFromStorage, place),
  },
  photos: dataKeyCodec(bytesSealer),
  thumbs: dataKeyCodec(bytesSealer),
  notices: { keyField: 'seq', toStorage: noticeToStorage, fromStorage: noticeFromStorage },
};

/** A record's place ("<table>/<primary key>"), the additional data of what is sealed in it. */
function placeOf(table: string, codec: Codec, row: Row): string {
  return `${table}/${String(row[codec.keyField])}`;
}

/** The record as it will be stored (sealed under the keys known now). */
export function sealedForStorage(table: string, value: unknown): unknown {
  const codec = SEALED_TABLES[table];
  if (!codec || !isRow(value)) return value;
  return codec.toStorage(value, placeOf(table, codec, value));
}

/** The record as read (plain with the data key, a locked view without it). */
export function openedFromStorage(table: string, value: unknown): unknown {
  const codec = SEALED_TABLES[table];
  if (!codec || !isRow(value)) return value;
  return codec.fromStorage(value, placeOf(table, codec, value));
}

function openCursor(table: string, cursor: DBCoreCursor): DBCoreCursor {
  return Object.create(cursor, {
    value: {
      get: () => openedFromStorage(table, cursor.value),
    },
  }) as DBCoreCursor;
}

function sealedTable(down: DBCoreTable): DBCoreTable {
  const name = down.name;
  return {
    ...down,
    mutate: (req) =>
      req.type === 'add' || req.type === 'put'
        ? down.mutate({ ...req, values: req.values.map((value) => sealedForStorage(name, value)) })
        : down.mutate(req),
    get: (req) => down.get(req).then((value) => openedFromStorage(name, value)),
    getMany: (req) => down.getMany(req).then((values) => values.map((value) => openedFromStorage(name, value))),
    query: (req) =>
      down
        .query(req)
        .then((res) =>
          req.values ? { ...res, result: res.result.map((value) => openedFromStorage(name, value)) } : res,
        ),
    openCursor: (req) =>
      down.openCursor(req).then((cursor) => (cursor && req.values !== false ? openCursor(name, cursor) : cursor)),
  };
}

/** The middleware; db.ts installs it (level far below Dexie's own, so they all see plain records). */
export const encryptionMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'EncryptionAtRest',
  level: -100,
  create: (down) => ({
    ...down,
    table: (name) => (name in SEALED_TABLES ? sealedTable(down.table(name)) : down.table(name)),
  }),
};
