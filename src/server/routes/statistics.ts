/**
 * 办件统计 and downloads for the workbench. Clerks see the windows they work, administrators the whole
 * township (the queue's rule), a county administrator every township of the county — figures only:
 * the case list export stays with township staff, since it names residents. Downloads are plain GETs with the cookie session, so the page can
 * offer them as links: CSV (UTF-8 with BOM, for Excel) or .xlsx, with a Chinese file name.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../domain/api-error';
import { todayInChina } from '../../domain/resident-id';
import {
  caseExportQuerySchema,
  statisticsQuerySchema,
  statisticsResponseSchema,
  type ExportFormat,
} from '../../domain/statistics';
import { casesExportDraft, statisticsExportDraft } from '../audit/export-audit';
import { recordAudit, type AuditDraft } from '../audit/record-audit';
import type { CalendarStore } from '../calendar/calendar-store';
import { computeStatistics } from '../cases/statistics';
import { caseScopeOf } from '../cases/statistics-scope';
import { attachmentDisposition } from '../export/content-disposition';
import { exportCases, TAB_TEXT } from '../export/export-cases';
import { csvOf, type ExportTable } from '../export/export-table';
import { GROUP_HEADERS, statisticsTable } from '../export/statistics-table';
import { xlsxOf } from '../export/xlsx-writer';
import { requirePrincipal, requireTownshipPrincipal } from '../plugins/auth';

const STAFF = ['clerk', 'admin'] as const;
/** Who may read statistics: township staff and county administrators. */
const STATISTICS_READERS = ['clerk', 'admin', 'county_admin'] as const;
const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema };

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const satisfies Record<ExportFormat, string>;

/** Sends `table` as a download named `name` (Chinese) / `fallback` (ASCII), without the extension. */
async function sendTable(
  reply: FastifyReply,
  table: ExportTable,
  format: ExportFormat,
  name: string,
  fallback: string,
): Promise<FastifyReply> {
  const body = format === 'csv' ? Buffer.from(csvOf(table), 'utf8') : await xlsxOf(table);
  return reply
    .type(CONTENT_TYPES[format])
    .header('content-disposition', attachmentDisposition(`${name}.${format}`, `${fallback}.${format}`))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

/** GET /api/workbench/statistics (+ .csv, .xlsx) and GET /api/workbench/export/cases.csv|.xlsx. */
export function statisticsRoutes(app: FastifyInstance, calendarStore: CalendarStore, now: () => Date): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  /** Every download is audited before its bytes leave the server. */
  const audit = (draft: AuditDraft) =>
    app.db.kysely.transaction().execute((trx) => recordAudit(trx, draft, now().toISOString()));

  api.get(
    '/api/workbench/statistics',
    {
      config: { access: STATISTICS_READERS },
      schema: {
        tags: ['workbench'],
        summary: 'Statistics of the cases received in a period, per window, village, item, agent, month or township',
        description:
          'Clerks get the windows they work, administrators every window of the township; `window` narrows ' +
          'to one (403 when it is not the caller’s). A county administrator gets every township of the county, ' +
          'grouped by township, item or month (others are 400; `window` is 403). Overdue is judged against the ' +
          'server’s today (China date).',
        querystring: statisticsQuerySchema,
        response: { 200: statisticsResponseSchema, ...errors },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const scope = await caseScopeOf(app.db.kysely, principal, request.query);
      const calendar = await calendarStore.calendar();
      return computeStatistics(app.db.kysely, scope, request.query, calendar, now());
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    api.get(
      `/api/workbench/statistics.${format}`,
      {
        config: { access: STATISTICS_READERS },
        schema: {
          tags: ['workbench'],
          summary: `The statistics table as ${format === 'csv' ? 'CSV (UTF-8 with BOM)' : 'an Excel workbook'}`,
          querystring: statisticsQuerySchema,
          response: errors,
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const query = request.query;
        const scope = await caseScopeOf(app.db.kysely, principal, query);
        const calendar = await calendarStore.calendar();
        const stats = await computeStatistics(app.db.kysely, scope, query, calendar, now());
        const windowPart = query.window === undefined ? '' : `_${scope.windows[0]?.name ?? query.window}`;
        const table = statisticsTable(stats);
        await audit(statisticsExportDraft(principal, query, format, stats.rows.length));
        return sendTable(
          reply,
          table,
          format,
          `办件统计_按${GROUP_HEADERS[query.groupBy]}${windowPart}_${query.from}至${query.to}`,
          `daiban-statistics-${query.groupBy}-${query.from}-${query.to}`,
        );
      },
    );

    api.get(
      `/api/workbench/export/cases.${format}`,
      {
        config: { access: STAFF },
        schema: {
          tags: ['workbench'],
          summary: `The case list of a queue query, every page, as ${format === 'csv' ? 'CSV' : 'an Excel workbook'}`,
          description:
            'The queue query without paging; `tab` may also be `all` (the default). Names, states and dates only: ' +
            'no ID numbers or phones. More than 50 000 cases is 400 VALIDATION_FAILED.',
          querystring: caseExportQuerySchema,
          response: errors,
        },
      },
      async (request, reply) => {
        const principal = requireTownshipPrincipal(request);
        const calendar = await calendarStore.calendar();
        const at = now();
        const table = await exportCases(app.db.kysely, calendar, principal, request.query, at);
        await audit(casesExportDraft(principal, request.query, format, table.rows.length));
        const today = todayInChina(at);
        return sendTable(
          reply,
          table,
          format,
          `办件清单_${TAB_TEXT[request.query.tab]}_${today}`,
          `daiban-cases-${request.query.tab}-${today}`,
        );
      },
    );
  }
}
