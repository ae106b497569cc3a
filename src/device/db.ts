/**
 * The phone's IndexedDB database `daiban`. This is the only module family (db*.ts) that imports
 * Dexie (DESIGN §2 rule 2); repositories reach tables through `getDatabase()`.
 *
 * Schema rule: a shipped `version(n)` is never edited. A change adds `version(n + 1)` with its
 * upgrade, so a phone that was offline for months still migrates in order.
 */
import { Dexie, liveQuery, type EntityTable, type Table } from 'dexie';
import type { Applicant, Page, Signature } from '../domain/case-draft';
import type { ServiceItem } from '../domain/catalogue';
import type { SessionUser } from '../domain/auth';
import type { Answers } from '../domain/item-answers';
import type { CaseReceipt, CaseStatus as RemoteCaseStatus } from '../domain/case-submission';
import type { SupplementRequest } from '../domain/case-lifecycle';
import type { Satisfaction } from '../domain/tracking';
import type { Subscribable } from './subscribable';
import { setEncryptionRequired, setPullSealKey } from './data-key';
import { encryptionMiddleware, sealedForStorage } from './db-encryption';

export const DATABASE_NAME = 'daiban';

/** The session table holds at most one row, under this key. */
export const CURRENT_SESSION_KEY = 'current';

/** The signed-in user of this phone, as stored (single row, key 'current'). */
export type StoredSession = {
  key: typeof CURRENT_SESSION_KEY;
  /** Device bearer token; null for a profile kept without a token. */
  token: string | null;
  user: SessionUser;
  /** ISO timestamp after which the session is no longer valid. */
  expiresAt: string;
  /** ISO timestamp of when this phone stored it. */
  savedAt: string;
};

/** The catalogue table holds at most one row, under this key. */
export const CURRENT_CATALOGUE_KEY = 'current';

/** The service-item catalogue as last downloaded (single row, key 'current'). */
export type StoredCatalogue = {
  key: typeof CURRENT_CATALOGUE_KEY;
  /** The catalogue version (also the server's ETag, without quotes). */
  version: string;
  /** The ETag exactly as the server sent it, for If-None-Match. */
  etag: string | null;
  items: ServiceItem[];
  /** ISO timestamp of the download that brought this version. */
  fetchedAt: string;
  /** ISO timestamp of the last time the server confirmed (200 or 304) that this is current. */
  checkedAt: string;
};

/** The applicant as typed so far: any field may be missing or invalid while drafting. */
export type ApplicantDraft = Partial<Record<keyof Applicant, string>>;

/**
 * 'draft' while captured, 'outbox' once submitted and waiting to be sent, 'sent' once the server has
 * the case and every photo: then the photo bytes are gone and this small record stays for status.
 */
export type CaseStatus = 'draft' | 'outbox' | 'sent';

/**
 * What the server last said about a case: its 办件编号, status and material count (server time), and
 * what the change feed added since. Fields after `materials` are absent on records stored before
 * they existed; read them as "not known".
 */
export type RemoteCase = {
  caseNumber: CaseReceipt['caseNumber'];
  status: RemoteCaseStatus;
  receivedAt: CaseReceipt['receivedAt'];
  materials: CaseReceipt['materials'];
  /** The open 补正 notice while the status is 'supplement'; null (or absent) otherwise. */
  supplement?: SupplementRequest | null;
  /** The latest round the server has (1 = the first submission). */
  round?: number;
  /** 承诺办结 date (China date) once accepted, moved by 延期 and the end of a pause. */
  dueDate?: string | null;
  /** The resident's 好差评 once the case was rated (not indexed: no new version needed). */
  satisfaction?: Satisfaction | null;
};

/** Why the last attempt failed; `problems` for a case the server refused as invalid. */
export type SyncError = {
  code: string;
  message: string;
  /** ISO timestamp (phone clock) of the failure. */
  at: string;
  problems?: Record<string, unknown>[];
};

/**
 * Where a submitted case stands on its way to the township: 'waiting' for a sync, 'uploading' now (or
 * interrupted mid-way), 'sent' with every photo verified, or 'set-aside' because the server refused it
 * (it never blocks the others). Bytes count the case's photos.
 */
export type CaseSync = {
  state: 'waiting' | 'uploading' | 'sent' | 'set-aside';
  bytesSent: number;
  bytesTotal: number;
  error: SyncError | null;
};

/**
 * The agent's answer to a 补正 notice (one round): only the requested materials' new pages and, when
 * the 委托书 was requested, a new signature. Like a case it is a 'draft' while captured, in the
 * 'outbox' once submitted, 'sent' once the server holds the round and its photos (then the photo
 * bytes are gone and this small record stays). The first submission's fields are never touched.
 * Page and signature bytes live in `photos` (thumbnails in `thumbs`) under their own ids.
 */
export type Resubmission = {
  /** The round this answers (the notice's `round`, 2 for the first 补正). */
  round: number;
  status: CaseStatus;
  pages: Page[];
  signature: Signature | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  /** Progress towards the township; null while a draft. */
  sync: CaseSync | null;
};

/** Per agent: the change-feed cursor and how the last syncs went (phone clock). */
export type SyncStateRow = {
  agentId: string;
  /** The change feed's cursor: every change up to it has been applied. */
  cursor: number;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError: SyncError | null;
};

/** A decision pulled from the server (status change, 补正 request, message) for the agent to see. */
export type StoredNotice = {
  /** The change feed's seq: one notice per change, however often it is pulled. */
  seq: number;
  caseId: string;
  agentId: string;
  type: string;
  payload: Record<string, unknown>;
  /** Server time of the change. */
  at: string;
  /** When the agent saw it; null while unread. */
  readAt: string | null;
  /** When a system notification was shown for it; absent when none was (not indexed: no new version). */
  notifiedAt?: string | null;
};

/**
 * A case on the phone. Pages and the signature are references; their bytes live in `photos` (and
 * page thumbnails in `thumbs`), so screens that live-query cases never drag photo bytes along.
 */
export type CaseRecord = {
  id: string;
  itemCode: string;
  /** The item version the case was started under; its copy in `itemVersions` is kept for good. */
  itemVersion: number;
  status: CaseStatus;
  applicant: ApplicantDraft;
  answers: Answers;
  pages: Page[];
  signature: Signature | null;
  /** Set when the case leaves the drafts for the outbox. */
  receiptCode: string | null;
  /** 128-bit random secret (base64url) that lets the resident's QR code open this case's progress. */
  trackSecret: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  /** The agent who captured it (SessionUser id). */
  agentId: string;
  /** What the server last said about the case; absent or null until it has received it. */
  remote?: RemoteCase | null;
  /** Progress towards the township; absent or null until the case is submitted. */
  sync?: CaseSync | null;
  /** The answer to the latest 补正 notice; absent or null until the agent starts one. */
  resubmission?: Resubmission | null;
};

/** The bytes of one stored image: a page photo (JPEG) or a signature (PNG). ArrayBuffer, not Blob (DESIGN §4). */
export type StoredPhoto = {
  id: string;
  caseId: CaseRecord['id'];
  bytes: ArrayBuffer;
  type: 'image/jpeg' | 'image/png';
  size: number;
  /** SHA-256 of `bytes`, lowercase hex. */
  sha256: string;
};

/** A page's small preview; same id as the page and its photo. */
export type StoredThumb = {
  id: string;
  caseId: CaseRecord['id'];
  bytes: ArrayBuffer;
  type: 'image/jpeg';
  width: number;
  height: number;
};

/** The lock table holds at most one row, under this key. */
export const CURRENT_LOCK_KEY = 'current';

/**
 * The PIN lock (single row, key 'current'): the data key wrapped under the PIN's key, what derives
 * that key again, and the wrong-PIN count with the time before which no try is accepted.
 */
export type StoredLock = {
  key: typeof CURRENT_LOCK_KEY;
  /** PBKDF2 salt, 16 random bytes. */
  salt: ArrayBuffer;
  /** PBKDF2-SHA-256 iterations this wrapping was made with. */
  iterations: number;
  /** The 256-bit data key, AES-KW wrapped under the PIN's key. */
  wrappedKey: ArrayBuffer;
  /** Wrong PINs in a row since the last right one. */
  failures: number;
  /** ISO timestamp before which no PIN is tried; null when there is no wait. */
  waitUntil: string | null;
  /** ISO timestamp of the PIN's setting or last change. */
  setAt: string;
  /** Whether the records stored in the clear before the PIN existed have all been sealed. */
  sealedAll: boolean;
  /**
   * The public X25519 key what the pull writes is sealed to (crypto-sealed-box; derived from the data
   * key, so not secret). Absent on rows made before it existed: stored at the next unlock.
   */
  pullSealKey?: ArrayBuffer;
};

/** The Dexie database with its typed tables. */
export class DaibanDatabase extends Dexie {
  declare readonly session: EntityTable<StoredSession, 'key'>;
  declare readonly catalogue: EntityTable<StoredCatalogue, 'key'>;
  /** Every item version a case was started under, keyed by [code+version]. */
  declare readonly itemVersions: Table<ServiceItem, [string, number]>;
  declare readonly cases: EntityTable<CaseRecord, 'id'>;
  declare readonly photos: EntityTable<StoredPhoto, 'id'>;
  declare readonly thumbs: EntityTable<StoredThumb, 'id'>;
  declare readonly syncState: EntityTable<SyncStateRow, 'agentId'>;
  declare readonly notices: EntityTable<StoredNotice, 'seq'>;
  declare readonly lock: EntityTable<StoredLock, 'key'>;

  constructor() {
    // No query cache: a sealed record reads differently once the data key comes or goes
    // (db-encryption), and Dexie's cache, above that middleware, would keep serving a live query the
    // locked view it read before the unlock (or the plain one after the lock).
    super(DATABASE_NAME, { cache: 'disabled' });
    this.version(1).stores({ session: 'key' });
    this.version(2).stores({
      catalogue: 'key',
      itemVersions: '[code+version]',
      cases: 'id, status, updatedAt',
      photos: 'id, caseId',
      thumbs: 'id, caseId',
    });
    this.version(3).stores({
      syncState: 'agentId',
      notices: 'seq, caseId, agentId',
    });
    // Indexes only (no upgrade): records without these fields are simply not in them.
    this.version(4).stores({
      cases: 'id, status, updatedAt, remote.status, resubmission.status',
    });
    // The PIN lock. Records stored in the clear before it are sealed by pin-repository once a PIN
    // exists (an upgrade cannot: it has no key).
    this.version(5).stores({ lock: 'key' });
    this.use(encryptionMiddleware);
    this.on('ready', async () => {
      applyLockRow(await this.lock.get(CURRENT_LOCK_KEY));
    });
  }
}

/**
 * Takes what every context (page or service worker) must know synchronously from the lock row into
 * memory (data-key): whether a PIN exists, and the public key the pull seals to.
 */
export function applyLockRow(row: StoredLock | undefined): void {
  setEncryptionRequired(row !== undefined);
  setPullSealKey(row?.pullSealKey ? new Uint8Array(row.pullSealKey) : null);
}

let instance: DaibanDatabase | null = null;

/** Returns the app's database, opening it on first use (Dexie opens lazily on the first query). */
export function getDatabase(): DaibanDatabase {
  instance ??= new DaibanDatabase();
  return instance;
}

/**
 * Closes the connection. The next `getDatabase()` opens a fresh one — which is also how tests
 * simulate an app restart.
 */
export function closeDatabase(): void {
  instance?.close();
  instance = null;
}

/**
 * Puts `record` into `cases` with the request issued now and the transaction committed at once
 * (IDBTransaction.commit), straight on the IndexedDB connection under Dexie. For page-hide handlers
 * only: Chromium drops a transaction the page has not committed when the page goes away, and Dexie's
 * own commit comes a turn of the event loop too late. It bypasses Dexie, so live queries do not see
 * it: the caller repeats the write through Dexie afterwards, for when the page lives on.
 * @returns whether the write committed (false when the database is not open or the write failed).
 */
export function putCaseCommittedNow(record: CaseRecord): Promise<boolean> {
  const db = getDatabase();
  if (!db.isOpen()) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      // Straight to IndexedDB, so sealed here (throws while locked: then nothing is written).
      const stored = sealedForStorage('cases', record);
      const transaction = db.backendDB().transaction('cases', 'readwrite');
      transaction.objectStore('cases').put(stored);
      transaction.oncomplete = () => {
        resolve(true);
      };
      transaction.onabort = () => {
        resolve(false);
      };
      transaction.commit();
    } catch {
      resolve(false);
    }
  });
}

/**
 * Runs `query` now and again whenever a table it read changes, in this tab or another
 * (Dexie liveQuery). The query must only read through Dexie.
 */
export function observeQuery<T>(query: () => Promise<T>): Subscribable<T> {
  const observable = liveQuery(query);
  return {
    subscribe(next, error) {
      const subscription = observable.subscribe({
        next,
        error: (reason: unknown) => error?.(reason),
      });
      return () => {
        subscription.unsubscribe();
      };
    },
  };
}
