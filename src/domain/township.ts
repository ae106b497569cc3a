import { z } from 'zod';

const placeSchema = z.object({ id: z.string(), code: z.string(), name: z.string() });

/** A township service centre with its villages and windows. */
export const townshipSchema = placeSchema.extend({
  isDemo: z.boolean(),
  villages: z.array(placeSchema),
  windows: z.array(placeSchema),
  /** The township's village agents, for the workbench's filters (names only: no phone numbers). */
  agents: z.array(z.object({ id: z.string(), name: z.string(), villageId: z.string().nullable() })),
});
export type Township = z.infer<typeof townshipSchema>;
