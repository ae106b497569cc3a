/**
 * Problem codes (from the domain schemas, the photo pipeline and storage) as the Chinese sentence the
 * agent reads, and each submission problem as a link to the exact place to fix it.
 */
import type { SubmissionProblem } from '../../../domain/case-draft';
import type { ApplicantDraft } from '../../../device/case-repository';
import { PhotoError } from '../../../device/photo-pipeline';
import { StorageFullError } from '../../../device/storage';
import { zhCN, type ProblemCode } from '../../messages/zh-cn';

function isProblemCode(code: string): code is ProblemCode {
  return code in zhCN.problems;
}

/** The sentence for a problem code; a code the catalogue does not know reads as a generic problem. */
export function problemText(code: string): string {
  return isProblemCode(code) ? zhCN.problems[code] : zhCN.unknownProblem;
}

function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * The sentence for a field's problem. An empty field reads "此项必须填写" whatever its rule says
 * ("姓名至少 2 个字" for a name nobody typed yet would be odd).
 */
export function fieldProblemText(code: string, value: unknown): string {
  return isBlank(value) ? zhCN.problems.REQUIRED : problemText(code);
}

/** What went wrong with a photo or a write, as the sentence shown at the slot or the save status. */
export function actionErrorText(error: unknown): string {
  if (error instanceof PhotoError) return zhCN.problems[error.code];
  if (error instanceof StorageFullError) return zhCN.problems.STORAGE_FULL;
  return zhCN.saveFailed;
}

export type EditorStep = keyof typeof zhCN.editor.steps;

export const EDITOR_STEPS = ['applicant', 'answers', 'materials', 'letter', 'submit'] as const satisfies EditorStep[];

/** Element ids the problem links point at, shared by the steps and the list. */
export const anchors = {
  applicant: (field: string) => `applicant-${field}`,
  answer: (key: string) => `answer-${key}`,
  material: (key: string) => `material-${key}`,
  signature: 'signature',
};

export type ProblemLink = { key: string; step: EditorStep; text: string; href: string };

/** One submission problem as a sentence and a link to where it is fixed. */
export function problemLink(problem: SubmissionProblem, caseId: string, applicant: ApplicantDraft): ProblemLink {
  const base = `/agent/cases/${caseId}`;
  const t = zhCN.editor;
  switch (problem.where) {
    case 'applicant': {
      const text = fieldProblemText(problem.problem, applicant[problem.field]);
      return {
        key: `applicant-${problem.field}`,
        step: 'applicant',
        text: t.problemAt(t.applicantLabels[problem.field], text),
        href: `${base}/applicant#${anchors.applicant(problem.field)}`,
      };
    }
    case 'answers':
      return {
        key: `answer-${problem.field}`,
        step: 'answers',
        text: t.problemAt(problem.label, problemText(problem.problem)),
        href: `${base}/answers#${anchors.answer(problem.field)}`,
      };
    case 'materials':
      return {
        key: `material-${problem.materialKey}`,
        step: 'materials',
        text: t.problemAt(t.materialProblem(problem.name), problemText(problem.problem)),
        href: `${base}/materials#${anchors.material(problem.materialKey)}`,
      };
    case 'signature':
      return {
        key: 'signature',
        step: 'letter',
        text: problemText(problem.problem),
        href: `${base}/letter#${anchors.signature}`,
      };
  }
}
