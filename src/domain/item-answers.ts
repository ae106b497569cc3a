/**
 * What an item asks of a particular case: which fields show, which materials are needed (conditional
 * materials appear and disappear as the answers change — 一次告知 means the list is always complete
 * for the answers given), and the zod schema the answers must satisfy. Problems are reported as codes
 * (REQUIRED, ID_CHECK_CHAR, …); the UI turns them into Chinese.
 */
import { z } from 'zod';
import type { Condition, ItemField, Material, ServiceItem } from './catalogue';
import { MOBILE_PATTERN } from './phone';
import { checkResidentId, normaliseResidentId, todayInChina } from './resident-id';

export type Answers = Record<string, unknown>;
/** Facts about the case beyond the answers: handled by a proxy (the village agent) or not. */
export type CaseContext = { proxy: boolean };

export type FieldProblem =
  | 'REQUIRED'
  | 'TOO_SHORT'
  | 'TOO_LONG'
  | 'NOT_A_NUMBER'
  | 'NOT_INTEGER'
  | 'TOO_SMALL'
  | 'TOO_LARGE'
  | 'DATE_INVALID'
  | 'DATE_IN_FUTURE'
  | 'DATE_IN_PAST'
  | 'CHOICE_INVALID'
  | 'CHOOSE_MORE'
  | 'PHONE_INVALID'
  | 'ID_FORMAT'
  | 'ID_CHECK_CHAR'
  | 'ID_BIRTH_DATE';

export function holds(condition: Condition, answers: Answers, context: CaseContext): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, answers, context));
  if ('any' in condition) return condition.any.some((c) => holds(c, answers, context));
  if ('proxy' in condition) return context.proxy;
  const value = answers[condition.field];
  if ('includes' in condition) return Array.isArray(value) && value.includes(condition.includes);
  // Forms hand numbers over as text: '3' answers a condition on 3.
  return value === condition.equals || (typeof condition.equals === 'number' && value === String(condition.equals));
}

/**
 * The answers that count: those of visible fields only, decided in field order, so a stale answer
 * left in a field that has since been hidden switches nothing on.
 */
export function effectiveAnswers(item: ServiceItem, answers: Answers, context: CaseContext): Answers {
  const out: Answers = {};
  for (const f of item.fields) {
    if (!f.when || holds(f.when, out, context)) {
      if (f.key in answers) out[f.key] = answers[f.key];
    }
  }
  return out;
}

export function visibleFields(item: ServiceItem, answers: Answers, context: CaseContext): ItemField[] {
  const effective = effectiveAnswers(item, answers, context);
  return item.fields.filter((f) => !f.when || holds(f.when, effective, context));
}

export type NeededMaterial = Material & { needed: 'required' | 'optional' };

/** Every material this case needs, in guide order; conditional ones only while their condition holds. */
export function neededMaterials(item: ServiceItem, answers: Answers, context: CaseContext): NeededMaterial[] {
  const effective = effectiveAnswers(item, answers, context);
  const out: NeededMaterial[] = [];
  for (const m of item.materials) {
    if (m.requirement === 'optional') out.push({ ...m, needed: 'optional' });
    else if (m.requirement === 'required' || (m.when && holds(m.when, effective, context)))
      out.push({ ...m, needed: 'required' });
  }
  return out;
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Checks one non-empty value; returns the normalised value or the problem. */
export function checkFieldValue(
  field: ItemField,
  value: unknown,
  today: string,
): { ok: true; value: unknown } | { ok: false; problem: FieldProblem } {
  const fail = (problem: FieldProblem) => ({ ok: false as const, problem });
  switch (field.type) {
    case 'text':
    case 'address': {
      if (typeof value !== 'string') return fail('REQUIRED');
      const text = value.trim();
      if (field.type === 'text' && field.minLength !== undefined && text.length < field.minLength)
        return fail('TOO_SHORT');
      if (text.length > field.maxLength) return fail('TOO_LONG');
      return { ok: true, value: text };
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
      if (!Number.isFinite(n)) return fail('NOT_A_NUMBER');
      if (field.integer && !Number.isInteger(n)) return fail('NOT_INTEGER');
      if (field.min !== undefined && n < field.min) return fail('TOO_SMALL');
      if (field.max !== undefined && n > field.max) return fail('TOO_LARGE');
      return { ok: true, value: n };
    }
    case 'date': {
      if (typeof value !== 'string' || !isRealDate(value)) return fail('DATE_INVALID');
      if (field.range === 'past' && value > today) return fail('DATE_IN_FUTURE');
      if (field.range === 'future' && value < today) return fail('DATE_IN_PAST');
      return { ok: true, value };
    }
    case 'choice':
      return typeof value === 'string' && field.options.some((o) => o.value === value)
        ? { ok: true, value }
        : fail('CHOICE_INVALID');
    case 'multiChoice': {
      if (
        !Array.isArray(value) ||
        !value.every((v) => typeof v === 'string' && field.options.some((o) => o.value === v))
      ) {
        return fail('CHOICE_INVALID');
      }
      const chosen = [...new Set(value)];
      if (chosen.length < field.minSelected) return fail('CHOOSE_MORE');
      return { ok: true, value: chosen };
    }
    case 'phone': {
      const phone = typeof value === 'string' ? value.replace(/\s+/g, '') : '';
      return MOBILE_PATTERN.test(phone) ? { ok: true, value: phone } : fail('PHONE_INVALID');
    }
    case 'residentId': {
      const id = typeof value === 'string' ? normaliseResidentId(value) : '';
      const result = checkResidentId(id, today);
      return result.ok ? { ok: true, value: id } : fail(result.problem);
    }
  }
}

/**
 * The schema for an item's answers in a given case: validates the visible fields (hidden ones are
 * dropped), reports each problem at its field, and outputs the normalised answers. react-hook-form
 * uses it through its zod resolver; the server uses the same schema on submit.
 */
export function answersSchemaFor(item: ServiceItem, context: CaseContext, now: () => Date = () => new Date()) {
  return z.record(z.string(), z.unknown()).transform((answers, ctx) => {
    const today = todayInChina(now());
    const out: Answers = {};
    for (const field of visibleFields(item, answers, context)) {
      const value = answers[field.key];
      if (isEmpty(value)) {
        if (field.required) ctx.addIssue({ code: 'custom', path: [field.key], message: 'REQUIRED' });
        continue;
      }
      const result = checkFieldValue(field, value, today);
      if (result.ok) out[field.key] = result.value;
      else ctx.addIssue({ code: 'custom', path: [field.key], message: result.problem });
    }
    return out;
  });
}
