/**
 * The change feed the phone pulls: everything that happened to this agent's cases after a cursor,
 * in order. Times are the server's; the phone never orders by its own clock.
 */
import { z } from 'zod';

export const CHANGE_FEED_PAGE = 100;

export const changeSchema = z.object({
  seq: z.number().int().positive(),
  caseId: z.uuid(),
  type: z.string(),
  payload: z.record(z.string(), z.unknown()),
  at: z.iso.datetime(),
});
export type Change = z.infer<typeof changeSchema>;

export const changesQuerySchema = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(500).default(CHANGE_FEED_PAGE),
});

export const changesResponseSchema = z.object({
  changes: z.array(changeSchema),
  /** Pass as `after` next time. */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  serverTime: z.iso.datetime(),
});
export type ChangesResponse = z.infer<typeof changesResponseSchema>;
