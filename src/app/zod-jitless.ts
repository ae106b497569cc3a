/**
 * Zod, told not to compile parsers with `new Function`: what `zod` resolves to in the browser build
 * (vite.config.ts aliases the bare specifier here). The Content-Security-Policy
 * (server/plugins/security-headers.ts) allows no eval, and zod probes for it as soon as an object
 * schema is built — at module load, in whatever chunk the bundler put the schema. Being zod itself,
 * this module is evaluated before any module that builds a schema, whatever the chunking; a first
 * import in main.tsx was not enough once a shared chunk held both zod and schemas.
 */
import { config } from 'zod/v4';

config({ jitless: true });

export * from 'zod/v4';
export { default } from 'zod/v4';
