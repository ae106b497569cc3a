/**
 * The domain's clerk-action schemas, one per form (case-lifecycle.ts is the single source of the
 * checks; the forms only lay them out), and the drafts that keep what a clerk typed while the case
 * reloads or another action's form is open.
 */
import type { z } from 'zod';
import { clerkActionSchema, type ClerkAction, type ClerkActionType } from '../../domain/case-lifecycle';
import type { CaseDetail } from '../../domain/workbench';

export const [
  acceptSchema,
  supplementSchema,
  rejectSchema,
  completeSchema,
  transferSchema,
  suspendSchema,
  resumeSchema,
  extendSchema,
] = clerkActionSchema.options;

/** What each action's form holds (the schema's input). */
export type ActionInputs = {
  accept: z.input<typeof acceptSchema>;
  request_supplement: z.input<typeof supplementSchema>;
  reject: z.input<typeof rejectSchema>;
  complete: z.input<typeof completeSchema>;
  transfer: z.input<typeof transferSchema>;
  suspend: z.input<typeof suspendSchema>;
  resume: z.input<typeof resumeSchema>;
  extend: z.input<typeof extendSchema>;
};

/** The answer to a submitted action, as a form shows it. */
export type ActionOutcome =
  | { ok: true }
  /** `conflict`: the case changed meanwhile (or no longer allows the action) and was reloaded. */
  | { ok: false; message: string; field?: string; conflict?: boolean };

export type SubmitAction = (action: ClerkAction) => Promise<ActionOutcome>;

export type ActionDrafts = {
  get: <K extends ClerkActionType>(type: K) => ActionInputs[K] | undefined;
  set: <K extends ClerkActionType>(type: K, values: ActionInputs[K]) => void;
  clear: (type: ClerkActionType) => void;
};

/** A place for the forms' typed values that outlives each form (one per case screen). */
export function createActionDrafts(): ActionDrafts {
  const values: { [K in ClerkActionType]?: ActionInputs[K] | undefined } = {};
  return {
    get: (type) => values[type],
    set: (type, draft) => {
      values[type] = draft;
    },
    clear: (type) => {
      values[type] = undefined;
    },
  };
}

/** What every action form gets from the actions panel. */
export type ActionFormProps = {
  detail: CaseDetail;
  allowed: boolean;
  drafts: ActionDrafts;
  submit: SubmitAction;
  onCancel: () => void;
};
