import { v7 } from 'uuid';
import { z } from 'zod';

/** Client- and server-generated ids are UUIDv7: unique without coordination and time-ordered. */
export function newId(): string {
  return v7();
}

export const idSchema = z.uuid();
