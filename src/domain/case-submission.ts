/**
 * What the phone sends when a case leaves its outbox: `PUT /api/cases/:id`, idempotent by the
 * client's case id. The photos travel separately (domain/blob.ts); the case names them by page id
 * and SHA-256, so the server can count "材料上传中 n/m" until each is verified.
 */
import { z } from 'zod';
import { CASE_STATUSES } from './case-status';
import { applicantSchema, pageSchema, signatureSchema } from './case-draft';
import { sha256HexSchema } from './blob';
import { receiptCodeSchema } from './receipt-code';

export const caseSubmissionSchema = z.object({
  itemCode: z.string().min(1).max(50),
  itemVersion: z.number().int().positive(),
  applicant: applicantSchema,
  /** Checked against the item's fields on receipt; bounded here so a body cannot carry a flood of keys. */
  answers: z
    .record(z.string().max(100), z.unknown())
    .refine((answers) => Object.keys(answers).length <= 200, { message: 'TOO_MANY' }),
  pages: z.array(pageSchema).max(200),
  signature: signatureSchema.nullable(),
  receiptCode: receiptCodeSchema,
  /** SHA-256 of the secret in the receipt's QR code; the secret itself never leaves the phone. */
  trackSecretHash: sha256HexSchema,
  /** When the agent submitted on the phone (the phone's clock: informational only). */
  submittedAt: z.iso.datetime(),
});
export type CaseSubmission = z.infer<typeof caseSubmissionSchema>;

export const caseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

export const caseReceiptSchema = z.object({
  id: z.uuid(),
  /** 办件编号: township code + date + sequence, assigned by the server on first receipt. */
  caseNumber: z.string(),
  status: caseStatusSchema,
  /** Server time of receipt: deadlines count from here, never from the phone's clock. */
  receivedAt: z.iso.datetime(),
  materials: z.object({ verified: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
});
export type CaseReceipt = z.infer<typeof caseReceiptSchema>;
