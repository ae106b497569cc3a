/**
 * The enrolment code as the QR code's address carries it: /enrol#code=XXXX-XXXX-XXXX. A fragment is
 * never sent to a server nor written to its logs; the page removes it from the address once read.
 */
import { formatEnrolCode } from '../../domain/admin';

/** The code in a location hash ('#code=…'), formatted XXXX-XXXX-XXXX, or '' when there is none. */
export function codeFromHash(hash: string): string {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('code');
  return value ? formatEnrolCode(value) : '';
}
