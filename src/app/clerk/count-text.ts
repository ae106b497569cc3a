import { QUEUE_COUNT_CAP } from '../../domain/workbench';

/** A queue count as shown: exact up to QUEUE_COUNT_CAP, "1000+" beyond (the server stops counting there). */
export function countText(n: number): string {
  return n > QUEUE_COUNT_CAP ? `${String(QUEUE_COUNT_CAP)}+` : String(n);
}

/** Whether a count is exact (false: the server stopped counting at QUEUE_COUNT_CAP). */
export function isExactCount(n: number): boolean {
  return n <= QUEUE_COUNT_CAP;
}
