/**
 * Kysely table types. Portable across SQLite and PostgreSQL: ids and timestamps are text
 * (UUIDv7, ISO-8601 UTC — both sort correctly as text), booleans are 0/1 integers.
 */
import type { Generated } from 'kysely';
import type { AuditAction, AuditSubjectType } from '../../domain/audit';
import type { CaseStatus } from '../../domain/case-submission';
import type { Role } from '../../domain/roles';
import type { FollowUpStatus, Satisfaction } from '../../domain/tracking';

/** A county (县): the townships one server hosts roll up to it (migration 20261126-09). */
export type CountyTable = {
  id: string;
  code: string;
  name: string;
  is_demo: number;
  created_at: string;
};

export type TownshipTable = {
  id: string;
  code: string;
  name: string;
  is_demo: number;
  created_at: string;
  /** The county the township belongs to; null for a township on its own. */
  county_id: string | null;
  /** 监督电话 shown on every resident's case page. */
  supervision_phone: string | null;
  /** Working days to put a 差评 or complaint right (DEFAULT_FOLLOW_UP_FIX_WORKING_DAYS unless set). */
  follow_up_fix_days: Generated<number>;
};

export type VillageTable = {
  id: string;
  township_id: string;
  code: string;
  name: string;
};

export type WindowTable = {
  id: string;
  township_id: string;
  code: string;
  name: string;
  /** The window's public phone, shown to residents. */
  phone: string | null;
};

export type UserTable = {
  id: string;
  role: Role;
  name: string;
  phone: string;
  password_hash: string;
  /** Exactly one of township_id and county_id is set (a CHECK): a county_admin has only county_id. */
  township_id: string | null;
  county_id: string | null;
  village_id: string | null;
  failed_logins: number;
  locked_until: string | null;
  is_demo: number;
  created_at: string;
  /** Set when an administrator disabled the account (migration 20261126-11): it can no longer sign in. */
  disabled_at: Generated<string | null>;
};

export type UserWindowTable = {
  user_id: string;
  window_id: string;
};

export type SessionTable = {
  /** SHA-256 of the token, hex: a stolen database copy yields no usable token. */
  token_hash: string;
  user_id: string;
  kind: 'web' | 'device';
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** The phone a device token belongs to (devices.id); null for web sessions. */
  device_id: Generated<string | null>;
};

/** An agent's phone (migration 20261126-11): every device token belongs to one. */
export type DeviceTable = {
  id: string;
  user_id: string;
  township_id: string;
  label: string;
  enrolled_via: 'code' | 'password';
  enrolled_at: string;
  /** Updated at most once a minute while the phone calls the server. */
  last_seen_at: string | null;
  /** Set by the administrator: the token may only hand in unsent work, then report the wipe. */
  revoked_at: string | null;
  revoked_by: string | null;
  /** The phone reported its local data deleted: its token is dead everywhere. */
  wiped_at: string | null;
};

/** A one-time enrolment code: only its SHA-256 is kept, valid 10 minutes, used at most once. */
export type EnrolmentCodeTable = {
  code_hash: string;
  user_id: string;
  township_id: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  device_id: string | null;
};

export type CatalogueItemTable = {
  code: string;
  version: number;
  name: string;
  window_code: string;
  /** The item as JSON (serviceItemSchema); parsed and checked on the way in and out. */
  body: string;
  is_current: number;
  created_at: string;
};

export type BlobTable = {
  sha256: string;
  size: number;
  type: string;
  created_at: string;
};

export type BlobUploadTable = {
  /** The phone's id for this photo (UUIDv7). */
  id: string;
  owner_id: string;
  size: number;
  sha256: string;
  type: string;
  /** Bytes durably written (fsynced) to the part file; the next chunk must start here. */
  committed: number;
  complete: number;
  created_at: string;
  updated_at: string;
};

export type CaseTable = {
  id: string;
  /** 办件编号 */
  case_number: string;
  township_id: string;
  village_id: string | null;
  agent_id: string;
  window_code: string;
  item_code: string;
  item_version: number;
  applicant_name: string;
  receipt_code: string;
  track_secret_hash: string;
  status: CaseStatus;
  /** The submission as received (caseSubmissionSchema), JSON. */
  body: string;
  /** SHA-256 of `body`: the same id with another body is a conflict. */
  body_hash: string;
  received_at: string;
  submitted_at: string;
  /** Bumped by every change; clerks act on a version and get a conflict if it moved. */
  version: number;
  updated_at: string;
  /** 1, then 2… after each 补正 resubmission. */
  round: number;
  /** Art. 32: the last day (China date) to accept, refuse or ask for 补正 in the current round. */
  accept_by: string | null;
  /** The deadline in force (China date): accept_by while received, due_date while accepted; null while paused or closed. */
  deadline: string | null;
  deadline_kind: 'accept_by' | 'due' | null;
  /** 承诺办结时间 (China date), set on acceptance, moved by 延期 and by the time spent suspended. */
  due_date: string | null;
  accepted_at: string | null;
  closed_at: string | null;
  suspended_at: string | null;
  /** The open 补正 notice (SupplementRequest JSON) while status is supplement. */
  supplement: string | null;
  /** The decision (completed / rejected event payload JSON) once closed. */
  result: string | null;
};

export type CasePageTable = {
  case_id: string;
  page_id: string;
  material_key: string;
  position: number;
  sha256: string;
  size: number;
  /** 1 for the first submission, 2… for each 补正 round. */
  round: number;
  verification: 'pending' | 'verified';
  verified_by: string | null;
  verified_at: string | null;
};

export type CaseEventTable = {
  seq: number;
  case_id: string;
  agent_id: string;
  township_id: string;
  type: string;
  payload: string;
  at: string;
  /** The clerk or agent who acted; null for the server itself (e.g. the Art. 32 rule). */
  actor_id: string | null;
};

export type CaseRoundTable = {
  case_id: string;
  /** 2… : each resubmission after a 补正 notice (round 1 is the case body itself). */
  round: number;
  body_hash: string;
  received_at: string;
  /** The resubmission as received (caseResubmissionSchema), JSON: the signer of a new 委托书 is read from it. */
  body: string;
};

export type CaseRevealTable = {
  id: string;
  case_id: string;
  user_id: string;
  field: 'idNumber' | 'phone';
  at: string;
};

export type CalendarYearTable = {
  year: number;
  /** YearSchedule JSON (domain/working-days.ts). */
  body: string;
  updated_by: string | null;
  updated_at: string;
};

/** One failed resident lookup, counted against its key ('ip:…' or 'code:…'); pruned after the window. */
export type TrackFailureTable = {
  id: string;
  key: string;
  at: string;
};

export type TrackLockTable = {
  key: string;
  locked_until: string;
};

/** The access token of a successful lookup: SHA-256 only, for one case, until it expires. */
export type TrackTokenTable = {
  token_hash: string;
  case_id: string;
  created_at: string;
  expires_at: string;
};

/** The resident's 好差评: one per case. */
export type CaseRatingTable = {
  case_id: string;
  township_id: string;
  satisfaction: Satisfaction;
  comment: string;
  rated_at: string;
  follow_up_comment: string | null;
  follow_up_at: string | null;
};

/** A follow-up task (回访) from a 差评 or a complaint; the case's window decides who sees it. */
export type FollowUpTable = {
  id: string;
  case_id: string;
  township_id: string;
  kind: 'bad_rating' | 'complaint';
  status: FollowUpStatus;
  satisfaction: Satisfaction | null;
  text: string;
  contact_phone: string | null;
  created_at: string;
  callback_due: string;
  fix_due: string;
  called_back_at: string | null;
  called_back_by: string | null;
  callback_note: string | null;
  closed_at: string | null;
  closed_by: string | null;
  outcome: string | null;
};

export type CounterTable = {
  name: string;
  value: number;
};

/** Names of the scheduled jobs (jobs/job-runner.ts). */
export type JobName = 'deemed-acceptance' | 'prune' | 'blob-sweep';

/**
 * 'running' until it ends 'done' or 'failed'; 'skipped': another process had claimed the slot;
 * 'busy': the slot was claimed but another process's run of the job still held its lock.
 */
export type JobOutcome = 'running' | 'done' | 'failed' | 'skipped' | 'busy';

/** One process's attempt at one scheduled run of a job (jobs/run-job.ts). */
export type JobRunTable = {
  id: string;
  job: JobName;
  /** The scheduled slot (start of its interval, ISO-8601); null for a run on demand. */
  slot: string | null;
  /** Equal to `slot` on the one row that claimed it, null on every other: unique per job. */
  slot_claim: string | null;
  /** `host:pid` of the server process. */
  worker: string;
  started_at: string;
  finished_at: string | null;
  outcome: JobOutcome;
  /** JSON: the job's counts when done, `{ error }` when failed. */
  report: string | null;
};

/** One entry of the audit trail (server/audit, domain/audit). Never updated, never deleted. */
export type AuditTable = {
  seq: number;
  at: string;
  action: AuditAction;
  actor_id: string | null;
  actor_role: Role | null;
  township_id: string | null;
  subject_type: AuditSubjectType | null;
  subject_id: string | null;
  /** JSON object, no personal information of residents. */
  detail: string;
  prev_hash: string;
  hash: string;
};

/**
 * One fixed window of one request rate cap, shared by every server process (plugins/rate-limit-store.ts).
 * `key` is `<cap name>:<HMAC-SHA-256 of the counted value>`, never a phone number or address.
 */
export type RateLimitHitTable = {
  key: string;
  count: number;
  window_ends_at: string;
};

/** The one row (id 1): the per-database HMAC key for rate_limit_hits' keys, hex. */
export type RateLimitSecretTable = {
  id: number;
  secret: string;
  created_at: string;
};

export type Database = {
  audit_log: AuditTable;
  cases: CaseTable;
  case_pages: CasePageTable;
  case_events: CaseEventTable;
  case_rounds: CaseRoundTable;
  case_reveals: CaseRevealTable;
  calendar_years: CalendarYearTable;
  counters: CounterTable;
  job_runs: JobRunTable;
  rate_limit_hits: RateLimitHitTable;
  rate_limit_secret: RateLimitSecretTable;
  track_failures: TrackFailureTable;
  track_locks: TrackLockTable;
  track_tokens: TrackTokenTable;
  case_ratings: CaseRatingTable;
  follow_ups: FollowUpTable;
  blobs: BlobTable;
  blob_uploads: BlobUploadTable;
  catalogue_items: CatalogueItemTable;
  counties: CountyTable;
  townships: TownshipTable;
  villages: VillageTable;
  windows: WindowTable;
  users: UserTable;
  user_windows: UserWindowTable;
  sessions: SessionTable;
  devices: DeviceTable;
  enrolment_codes: EnrolmentCodeTable;
};
