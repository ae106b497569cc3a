/**
 * A case as the agent captures it on the phone, and the check run before it may leave the phone:
 * `submissionProblems` lists everything still missing or invalid at once (一次告知 applies to the
 * app itself), so the agent fixes it all in one pass with the resident still there.
 */
import { z } from 'zod';
import type { ServiceItem } from './catalogue';
import { answersSchemaFor, type Answers, type CaseContext, neededMaterials } from './item-answers';
import { mobilePhoneSchema } from './phone';
import { residentIdSchema } from './resident-id';

/** The resident the case is for. */
export const applicantSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, { message: 'NAME_TOO_SHORT' })
    .max(30, { message: 'TOO_LONG' })
    .regex(/^[\p{Script=Han}·A-Za-z\s]+$/u, { message: 'NAME_INVALID' }),
  idNumber: residentIdSchema,
  phone: mobilePhoneSchema,
  /** The agent's village, or another village of the township. */
  villageId: z.string().min(1, { message: 'REQUIRED' }).max(100, { message: 'TOO_LONG' }),
  /** 村民小组, e.g. 第三组. */
  group: z.string().trim().max(20, { message: 'TOO_LONG' }).default(''),
  address: z.string().trim().min(2, { message: 'REQUIRED' }).max(200, { message: 'TOO_LONG' }),
});
export type Applicant = z.infer<typeof applicantSchema>;

/** One photographed page of a material. The bytes live elsewhere (see device/db); this is the reference. */
export const pageSchema = z.object({
  id: z.string().max(100),
  materialKey: z.string().max(100),
  /** Order within the material, 0-based. */
  order: z.number().int().min(0),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  size: z.number().int().positive(),
  type: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** A photo is grade-C evidence: the window checks it against the original (国办函〔2016〕108号). */
  verification: z.enum(['pending', 'verified']).default('pending'),
  capturedAt: z.iso.datetime(),
});
export type Page = z.infer<typeof pageSchema>;

export const signatureSchema = z.object({
  /** The photo-store id of the PNG the resident drew. */
  imageId: z.string().max(100),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  signerName: z.string().max(50),
  signedAt: z.iso.datetime(),
});
export type Signature = z.infer<typeof signatureSchema>;

export type SubmissionProblem =
  | { where: 'applicant'; field: keyof Applicant; problem: string }
  | { where: 'answers'; field: string; label: string; problem: string }
  | { where: 'materials'; materialKey: string; name: string; problem: 'NO_PAGES' }
  | { where: 'signature'; problem: 'SIGNATURE_MISSING' };

/** Everything that stops this case from being submitted, all at once, in screen order. */
export function submissionProblems(input: {
  item: ServiceItem;
  applicant: Partial<Record<keyof Applicant, unknown>>;
  answers: Answers;
  pages: readonly Pick<Page, 'materialKey'>[];
  signature: Signature | null;
  context: CaseContext;
}): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  const applicant = applicantSchema.safeParse(input.applicant);
  if (!applicant.success) {
    const seen = new Set<string>();
    for (const issue of applicant.error.issues) {
      const field = applicantSchema.keyof().safeParse(issue.path[0]);
      if (!field.success || seen.has(field.data)) continue;
      seen.add(field.data);
      const problem = issue.code === 'invalid_type' ? 'REQUIRED' : issue.message;
      problems.push({ where: 'applicant', field: field.data, problem });
    }
  }
  const answers = answersSchemaFor(input.item, input.context).safeParse(input.answers);
  if (!answers.success) {
    for (const issue of answers.error.issues) {
      const field = String(issue.path[0]);
      const label = input.item.fields.find((f) => f.key === field)?.label ?? field;
      problems.push({ where: 'answers', field, label, problem: issue.message });
    }
  }
  const withPages = new Set(input.pages.map((p) => p.materialKey));
  for (const m of neededMaterials(input.item, input.answers, input.context)) {
    if (m.needed === 'required' && !withPages.has(m.key)) {
      problems.push({ where: 'materials', materialKey: m.key, name: m.name, problem: 'NO_PAGES' });
    }
  }
  if (input.context.proxy && input.item.proxyAllowed && !input.signature) {
    problems.push({ where: 'signature', problem: 'SIGNATURE_MISSING' });
  }
  return problems;
}
