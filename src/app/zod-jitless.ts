/**
 * Zod compiles fast object parsers with `new Function` unless told not to. The Content-Security-Policy
 * (server/plugins/security-headers.ts) allows no eval, so the browser would report a violation at the
 * first parse (zod falls back, but the report is noise that hides real ones). Zod decides when a
 * schema is built, so this module must run before any schema module: it is main.tsx's first import.
 */
import { z } from 'zod';

z.config({ jitless: true });
