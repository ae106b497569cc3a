/**
 * Puts a material's or field's condition into words for the guide (一次告知 means the resident hears
 * when each conditional material applies): {field: 'loanType', equals: '银行贷款（第一次支取）'} →
 * “贷款类型”为“银行贷款（第一次支取）”.
 */
import type { Condition, ServiceItem } from '../../domain/catalogue';
import { zhCN } from '../messages/zh-cn';

const t = zhCN.conditions;

function optionLabel(item: ServiceItem, fieldKey: string, value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  const field = item.fields.find((f) => f.key === fieldKey);
  if (field && (field.type === 'choice' || field.type === 'multiChoice')) {
    return field.options.find((o) => o.value === value)?.label ?? String(value);
  }
  return String(value);
}

/** The condition as a Chinese phrase, to be placed in 当…时需要. */
export function describeCondition(condition: Condition, item: ServiceItem): string {
  if ('all' in condition) return condition.all.map((c) => describeCondition(c, item)).join(t.and);
  if ('any' in condition) return condition.any.map((c) => describeCondition(c, item)).join(t.or);
  if ('proxy' in condition) return t.proxy;
  const label = item.fields.find((f) => f.key === condition.field)?.label ?? condition.field;
  if ('includes' in condition) return t.includes(label, optionLabel(item, condition.field, condition.includes));
  return t.equals(label, optionLabel(item, condition.field, condition.equals));
}
