/**
 * Builds the Fastify app: external plugins, then our plugins (db, auth, errors), then routes, then
 * the static PWA. `buildApp` does not listen, so tests drive it with `app.inject`.
 */
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { seedDemoTownship } from './accounts/demo-seed';
import { createBlobStore } from './blobs/blob-store';
import { createCalendarStore } from './calendar/calendar-store';
import type { ServerConfig } from './config';
import { type Db, migrateToLatest, openDatabase } from './db/database';
import { withAdvisoryLock } from './db/with-advisory-lock';
import { createJobRunner, type JobRunner } from './jobs/job-runner';
import { registerAuth } from './plugins/auth';
import { registerCsrf } from './plugins/csrf';
import { registerErrorHandler } from './plugins/error-handler';
import { loggerOptions } from './plugins/log-redaction';
import { registerRateLimits } from './plugins/rate-limits';
import { registerRouteList } from './plugins/route-list';
import { registerSecurityHeaders } from './plugins/security-headers';
import { registerStaticApp } from './plugins/static-app';
import { upsertCatalogueItems } from './catalogue/catalogue-store';
import { seedItems } from './catalogue/seed-items';
import { adminRoutes } from './routes/admin';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { blobRoutes, readChunksEarly } from './routes/blobs';
import { calendarRoutes } from './routes/calendar';
import { caseSyncRoutes } from './routes/cases';
import { catalogueRoutes } from './routes/catalogue';
import { deviceRoutes } from './routes/devices';
import { followUpRoutes } from './routes/follow-ups';
import { healthRoutes } from './routes/health';
import { openapiRoutes } from './routes/openapi';
import { statisticsRoutes } from './routes/statistics';
import { townshipRoutes } from './routes/township';
import { trackRoutes } from './routes/track';
import { workbenchRoutes } from './routes/workbench';
import { SERVER_VERSION } from './version';

declare module 'fastify' {
  // Module augmentation needs interfaces: declaration merging is the only way to extend Fastify's types.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyInstance {
    db: Db;
    /** The scheduled rules (deemed acceptance…); tests call `app.jobs.runDue()` with their clock. */
    jobs: JobRunner;
  }
}

export async function buildApp(config: ServerConfig): Promise<FastifyInstance> {
  const app = Fastify({
    // Request logging never includes bodies, headers or query values; personal fields are redacted.
    logger: loggerOptions(config.logLevel),
    bodyLimit: 1024 * 1024,
    trustProxy: [...config.trustProxy],
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only; other bodies are refused with 415 instead of reaching a schema as text.
  app.removeContentTypeParser('text/plain');

  const db = openDatabase(config);
  app.decorate('db', db);
  app.addHook('onClose', async () => {
    await db.close();
  });
  // Processes starting together on one database take turns: the first migrates and seeds, the others find it done.
  await withAdvisoryLock(db.kysely, db.dialect, 'start-up', 'wait', async () => {
    await migrateToLatest(db);
    if (config.seedDemo && (await seedDemoTownship(db.kysely, config.now()))) {
      app.log.info('seeded the demo township 示范镇 (demo data)');
    }
    const addedItems = await upsertCatalogueItems(db.kysely, seedItems, config.now());
    if (addedItems > 0) app.log.info({ addedItems }, 'catalogue items added');
  });

  registerRouteList(app);
  // Before any hook that awaits: a chunk's bytes are kept from the moment they arrive.
  readChunksEarly(app);
  await app.register(fastifyCookie);
  await registerSecurityHeaders(app);
  await registerRateLimits(app, config.now);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '代办通 Daiban API',
        description: 'Township service-centre API for village proxy agents, clerks and residents.',
        version: SERVER_VERSION,
      },
      components: {
        securitySchemes: {
          cookieSession: { type: 'apiKey', in: 'cookie', name: 'daiban_session' },
          deviceToken: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerErrorHandler(app);
  registerAuth(app, config.now);
  registerCsrf(app);

  const blobStore = createBlobStore(db.kysely, config.dataDir);
  const calendar = createCalendarStore(db.kysely);
  const jobs = createJobRunner({
    db: db.kysely,
    dialect: db.dialect,
    calendar,
    now: config.now,
    log: app.log,
    dataDir: config.dataDir,
    intervalMs: config.jobIntervalMs,
  });
  app.decorate('jobs', jobs);
  app.addHook('onReady', (done) => {
    jobs.start();
    done();
  });
  // preClose runs before onClose closes the database: a run in progress finishes first.
  app.addHook('preClose', async () => {
    await jobs.stop();
  });

  healthRoutes(app);
  openapiRoutes(app);
  authRoutes(app, config.now);
  townshipRoutes(app);
  catalogueRoutes(app);
  blobRoutes(app, blobStore, config.now);
  caseSyncRoutes(app, calendar, config.now);
  workbenchRoutes(app, calendar, blobStore, config.now);
  calendarRoutes(app, calendar, config.now);
  statisticsRoutes(app, calendar, config.now);
  trackRoutes(app, calendar, config.now);
  followUpRoutes(app, config.now);
  auditRoutes(app);
  adminRoutes(app, config.now);
  deviceRoutes(app, config.now);

  await registerStaticApp(app, config.staticDir);
  return app;
}
