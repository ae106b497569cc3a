/**
 * The service-item guide (办事指南) after GB/T 39046-2020 table 4, as the phone, the workbench and the
 * server all see it. An item is versioned: a case records the item code and version it was started
 * under and is always judged against that version, even after the catalogue changes.
 */
import { z } from 'zod';

/** 事项类型 codes from GB/T 39046 (the ones village items use). */
export const itemTypeSchema = z.enum([
  '01', // 行政许可
  '05', // 行政给付
  '07', // 行政确认
  '10', // 其他行政权力
  '20', // 公共服务
]);

/** A condition on the answers (or on the case being handled by a proxy) that switches a material or field on. */
export type Condition =
  | { field: string; equals: string | number | boolean }
  | { field: string; includes: string }
  | { proxy: true }
  | { all: Condition[] }
  | { any: Condition[] };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ field: z.string(), equals: z.union([z.string(), z.number(), z.boolean()]) }).strict(),
    z.object({ field: z.string(), includes: z.string() }).strict(),
    z.object({ proxy: z.literal(true) }).strict(),
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
  ]),
);

const choiceOptionSchema = z.object({ value: z.string().min(1), label: z.string().min(1) });

const fieldBase = {
  /** Stable key within the item, used in answers and conditions. */
  key: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
  label: z.string().min(1),
  required: z.boolean(),
  help: z.string().optional(),
  /** Shown (and validated) only when this holds. */
  when: conditionSchema.optional(),
};

export const itemFieldSchema = z.discriminatedUnion('type', [
  z.object({
    ...fieldBase,
    type: z.literal('text'),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().positive().default(200),
  }),
  z.object({
    ...fieldBase,
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(false),
    unit: z.string().optional(),
  }),
  z.object({
    ...fieldBase,
    type: z.literal('date'),
    /** 'past': today or earlier (e.g. a loan date); 'future': today or later (e.g. a planned date). */
    range: z.enum(['any', 'past', 'future']).default('any'),
  }),
  z.object({ ...fieldBase, type: z.literal('choice'), options: z.array(choiceOptionSchema).min(2) }),
  z.object({
    ...fieldBase,
    type: z.literal('multiChoice'),
    options: z.array(choiceOptionSchema).min(2),
    minSelected: z.number().int().min(0).default(0),
  }),
  z.object({ ...fieldBase, type: z.literal('residentId') }),
  z.object({ ...fieldBase, type: z.literal('phone') }),
  z.object({ ...fieldBase, type: z.literal('address'), maxLength: z.number().int().positive().default(200) }),
]);
export type ItemField = z.infer<typeof itemFieldSchema>;
export type ItemFieldType = ItemField['type'];

export const materialSchema = z.object({
  /** Stable key within the item; photos and 补正 requests point at it. */
  key: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
  name: z.string().min(1),
  /** 出具机构 */
  issuer: z.string().min(1),
  originals: z.number().int().min(0),
  copies: z.number().int().min(0),
  /** 是否必备: required, required when `when` holds, or optional. */
  requirement: z.enum(['required', 'conditional', 'optional']),
  when: conditionSchema.optional(),
  note: z.string().optional(),
  /** How many pages a complete photo of it usually has (e.g. 户口簿 首页 + 本人页 = 2). */
  expectedPages: z.number().int().min(1).default(1),
});
export type Material = z.infer<typeof materialSchema>;

export const serviceItemSchema = z
  .object({
    /** 基本编码 (or a local code where none is published). */
    code: z.string().min(1).max(50),
    version: z.number().int().positive(),
    name: z.string().min(1),
    itemType: itemTypeSchema,
    /** 行使层级: 4 县, 5 镇(乡、街道), 6 村(社区). */
    level: z.enum(['4', '5', '6']),
    /** 实施主体 */
    implementingBody: z.string().min(1),
    /** The township window that receives it (a window code such as MZ). */
    windowCode: z.string().min(1),
    legalBasis: z.array(z.string().min(1)).min(1),
    conditions: z.array(z.string().min(1)).min(1),
    procedure: z.array(z.string().min(1)).min(1),
    /** 法定办结时限 in working days; null when the law sets none. */
    legalLimitDays: z.number().int().min(0).nullable(),
    /** 承诺办结时限 in working days; 0 for 即办件. */
    promisedLimitDays: z.number().int().min(0),
    /** 办件类型: 即办件 (decided on the spot) or 承诺件 (within the promised limit). */
    handling: z.enum(['instant', 'promised']),
    /** 特别程序 that pause the clock, e.g. a 7-day public notice. */
    specialProcedures: z.array(z.string().min(1)).default([]),
    fees: z.object({ charged: z.boolean(), description: z.string().min(1), basis: z.string().optional() }),
    place: z.string().min(1),
    hours: z.string().min(1),
    consultPhone: z.string().min(1),
    complaintPhone: z.string().min(1),
    /** Whether a proxy (the village agent) may handle it for the resident. */
    proxyAllowed: z.boolean(),
    proxyNote: z.string().optional(),
    resultName: z.string().min(1),
    fields: z.array(itemFieldSchema),
    materials: z.array(materialSchema).min(1),
    faq: z.array(z.object({ q: z.string(), a: z.string() })).default([]),
    /** Where the wording comes from: a published local guide, or typical content to check locally. */
    source: z.object({ kind: z.enum(['local-guide', 'typical']), note: z.string().min(1) }),
  })
  .superRefine((item, ctx) => {
    const keys = new Set(item.fields.map((f) => f.key));
    if (keys.size !== item.fields.length) ctx.addIssue({ code: 'custom', message: 'duplicate field key' });
    for (const f of item.fields) {
      for (const k of fieldsIn(f.when)) {
        if (!keys.has(k) || k === f.key) {
          ctx.addIssue({ code: 'custom', message: `field ${f.key} depends on unknown or its own field ${k}` });
        }
      }
    }
    const materialKeys = new Set(item.materials.map((m) => m.key));
    if (materialKeys.size !== item.materials.length)
      ctx.addIssue({ code: 'custom', message: 'duplicate material key' });
    for (const m of item.materials) {
      if ((m.requirement === 'conditional') !== (m.when !== undefined)) {
        ctx.addIssue({ code: 'custom', message: `material ${m.key}: conditional needs when, and only then` });
      }
      for (const f of fieldsIn(m.when)) {
        if (!keys.has(f)) ctx.addIssue({ code: 'custom', message: `material ${m.key} depends on unknown field ${f}` });
      }
    }
    if ((item.handling === 'instant') !== (item.promisedLimitDays === 0)) {
      ctx.addIssue({ code: 'custom', message: '即办件 has a promised limit of 0 days, and only it' });
    }
  });
export type ServiceItem = z.infer<typeof serviceItemSchema>;
export type ServiceItemInput = z.input<typeof serviceItemSchema>;

export const catalogueSchema = z.object({
  /** Changes whenever any item changes; served as the ETag. */
  version: z.string().min(1),
  items: z.array(serviceItemSchema),
});
export type Catalogue = z.infer<typeof catalogueSchema>;

/** The field keys a condition reads. */
export function fieldsIn(condition: Condition | undefined): string[] {
  if (!condition) return [];
  if ('all' in condition) return condition.all.flatMap(fieldsIn);
  if ('any' in condition) return condition.any.flatMap(fieldsIn);
  if ('field' in condition) return [condition.field];
  return [];
}
