import { z } from 'zod';

const placeSchema = z.object({ id: z.string(), code: z.string(), name: z.string() });

/** A township service centre with its villages and windows. */
export const townshipSchema = placeSchema.extend({
  isDemo: z.boolean(),
  villages: z.array(placeSchema),
  windows: z.array(placeSchema),
});
export type Township = z.infer<typeof townshipSchema>;
