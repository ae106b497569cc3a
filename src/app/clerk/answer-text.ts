/** An answer to an item field as the clerk reads it: option labels, 是/否, numbers with their unit. */
import type { ItemField } from '../../domain/catalogue';
import { zhCN } from '../messages/zh-cn';

const t = zhCN.clerk.detail;

function scalar(value: unknown): string {
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}

/** The text for `value`, or null when the field was not answered. */
export function answerText(field: ItemField, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (Array.isArray(value) && value.length === 0) return null;
  switch (field.type) {
    case 'choice':
      return field.options.find((o) => o.value === value)?.label ?? scalar(value);
    case 'multiChoice': {
      const values: unknown[] = Array.isArray(value) ? value : [value];
      return values.map((v) => field.options.find((o) => o.value === v)?.label ?? scalar(v)).join('、');
    }
    case 'number':
      return field.unit ? `${scalar(value)} ${field.unit}` : scalar(value);
    default:
      return scalar(value);
  }
}
