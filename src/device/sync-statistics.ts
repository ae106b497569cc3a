/**
 * The workbench's statistics (办件统计) from the server, and the addresses of its downloads. The
 * figures come through syncFetch with the cookie session; the CSV and Excel files are plain links to
 * the export addresses (the browser sends the cookie and saves the file under the server's name).
 */
import {
  statisticsResponseSchema,
  type CaseExportQueryInput,
  type ExportFormat,
  type StatisticsQueryInput,
  type StatisticsResponse,
} from '../domain/statistics';
import { syncFetch } from './sync-fetch';

function searchOf(entries: readonly [string, string | number | undefined][]): string {
  const params = new URLSearchParams();
  for (const [key, value] of entries) {
    if (value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  return params.toString();
}

/** The query string of a statistics query, in a stable order, empty values left out. */
export function statisticsSearch(query: StatisticsQueryInput): string {
  return searchOf([
    ['from', query.from],
    ['to', query.to],
    ['window', query.window],
    ['groupBy', query.groupBy],
  ]);
}

/**
 * The figures of the cases received in the period, per group and in total.
 * @throws ApiRequestError (FORBIDDEN for a window the caller does not work, VALIDATION_FAILED for a
 * bad period), NetworkError (see sync-fetch).
 */
export async function fetchStatistics(query: StatisticsQueryInput, signal?: AbortSignal): Promise<StatisticsResponse> {
  return syncFetch(`/api/workbench/statistics?${statisticsSearch(query)}`, {
    response: statisticsResponseSchema,
    auth: 'cookie',
    signal,
  });
}

/** The address of the statistics table as CSV (UTF-8 with BOM, for Excel) or as an Excel workbook. */
export function statisticsExportUrl(query: StatisticsQueryInput, format: ExportFormat): string {
  return `/api/workbench/statistics.${format}?${statisticsSearch(query)}`;
}

/**
 * The address of the case list (办件清单) of a queue query — tab and filters, no paging; tab 'all' or
 * none for every status — as CSV or Excel. Names and dates only; never ID numbers or phones.
 */
export function casesExportUrl(query: Partial<CaseExportQueryInput>, format: ExportFormat): string {
  const search = searchOf([
    ['tab', query.tab],
    ['window', query.window],
    ['village', query.village],
    ['item', query.item],
    ['agent', query.agent],
    ['from', query.from],
    ['to', query.to],
    ['q', query.q],
  ]);
  return `/api/workbench/export/cases.${format}${search ? `?${search}` : ''}`;
}
