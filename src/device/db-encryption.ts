/**
 * Encryption at rest for the tables that hold personal data, as a Dexie DBCore middleware at the very
 * bottom of the stack: every layer above it (repositories, live queries, Dexie's caches) sees plain
 * records; IndexedDB only ever gets sealed ones.
 *
 * - `cases`: everything personal — applicant, answers, page and signature references (with the
 *   signer's name), receipt code, tracking secret and the 补正 answer — goes into one AES-GCM sealed
 *   JSON value; ids, item, status, dates, the server's status (`remote`) and sync progress stay in
 *   the clear for indexes and for a pull that runs while locked (only `resubmission.status` and
 *   `round` are copied out, for the index).
 * - `photos`, `thumbs`: the image bytes are sealed; id, case id, type, size and SHA-256 stay.
 *
 * Invariants:
 * - a record with a `sealed` value is read as the plain record while the key is in memory (crypto-
 *   record: the table and id are the additional data); without the key it reads as a locked view —
 *   clear fields, personal ones empty, `sealed` kept — and writing a locked view back changes only
 *   its clear fields (a pull updating `remote` while locked);
 * - once a PIN exists (data-key `encryptionRequired`) a plain record is never stored: without the key
 *   the write fails with DataLockedError. Before any PIN (a phone on its first sign-in, unit tests of
 *   other modules) records are stored as given; pin-repository seals them in one pass once a PIN is set.
 */
import type { DBCore, DBCoreCursor, DBCoreTable, Middleware } from 'dexie';
import { openBytes, openJson, sealBytes, sealJson } from './crypto-record';
import { currentDataKey, DataLockedError, encryptionRequired, setEncryptionRequired } from './data-key';

/** The field that holds a record's sealed part. */
export const SEALED_FIELD = 'sealed';

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

/** The sealed tables and how each is split. */
export const SEALED_TABLES: Readonly<Record<string, Sealer>> = {
  cases: caseSealer,
  photos: bytesSealer,
  thumbs: bytesSealer,
};

function placeOf(table: string, row: Row): string {
  return `${table}/${String(row.id)}`;
}

/** The record as it will be stored (sealed under the key in memory). */
export function sealedForStorage(table: string, value: unknown): unknown {
  const sealer = SEALED_TABLES[table];
  if (!sealer || !isRow(value)) return value;
  if (SEALED_FIELD in value) {
    // A locked view written back: keep its sealed part, take only its clear fields. Personal
    // fields changed on a locked view cannot be sealed into it: refuse rather than lose them.
    if (!sealer.untouched(value)) throw new DataLockedError();
    return { ...sealer.clearPart(value), [SEALED_FIELD]: value[SEALED_FIELD] };
  }
  const key = currentDataKey();
  if (key) return sealer.seal(value, key, placeOf(table, value));
  if (encryptionRequired()) throw new DataLockedError();
  return value;
}

/** The record as read (plain with the key, a locked view without it). */
export function openedFromStorage(table: string, value: unknown): unknown {
  const sealer = SEALED_TABLES[table];
  if (!sealer || !isRow(value) || !(SEALED_FIELD in value)) return value;
  const key = currentDataKey();
  if (key) return sealer.open(value, key, placeOf(table, value));
  // Sealed data exists, so a PIN does: never store a plain record from here on.
  setEncryptionRequired(true);
  return sealer.lockedView(value);
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
