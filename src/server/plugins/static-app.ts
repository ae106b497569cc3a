/**
 * Serves the built PWA. Hashed files under /assets are immutable; the service worker, index.html
 * and the manifest must be revalidated on every load, or an update would never reach the phones.
 * Any other GET outside /api falls back to index.html so deep links work.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { HttpProblem } from '../http-problem';

const REVALIDATE = new Set(['/sw.js', '/index.html', '/manifest.webmanifest', '/registerSW.js']);

export async function registerStaticApp(app: FastifyInstance, staticDir: string): Promise<void> {
  const hasBuild = fs.existsSync(path.join(staticDir, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: false,
      index: ['index.html'],
      setHeaders(res, filePath) {
        const urlPath = `/${path.relative(staticDir, filePath).split(path.sep).join('/')}`;
        if (REVALIDATE.has(urlPath)) void res.header('cache-control', 'no-cache');
        else if (urlPath.startsWith('/assets/'))
          void res.header('cache-control', 'public, max-age=31536000, immutable');
        else void res.header('cache-control', 'public, max-age=3600');
      },
    });
  } else {
    app.log.warn({ staticDir }, 'no built app found; run `npm run build` (npm start does this)');
  }

  app.setNotFoundHandler(async (request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (url.startsWith('/api') || request.method !== 'GET') {
      throw new HttpProblem(404, 'NOT_FOUND', 'No such resource');
    }
    if (!hasBuild) {
      return reply.code(503).type('text/plain; charset=utf-8').send('应用尚未构建：请运行 npm run build');
    }
    if (path.extname(url) !== '') throw new HttpProblem(404, 'NOT_FOUND', 'No such file');
    void reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });
}
