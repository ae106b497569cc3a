/**
 * The usual recipe, simulated in Node for bench/sync: each case is one multipart/form-data POST (the
 * case document and its photos), queued by workbox-background-sync and replayed with the semantics
 * of its `Queue.replayRequests` (workbox 7):
 * - requests are replayed in order, one at a time;
 * - a request that fails on the network goes back to the head of the queue and the replay stops; the
 *   next replay (the browser's next `sync` event) sends it again whole, from byte 0;
 * - a request that gets any response at all — an error status included — leaves the queue.
 * So an answer lost after the server stored the case makes the replay send it again: a duplicate;
 * and an error answer drops the case from the queue: a lost case.
 *
 * The endpoint is a tiny HTTP server inside the bench process, not a route of the product server: it
 * parses each POST, hashes its file parts and records the case id, without deduplicating, as a plain
 * multipart handler would.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { BenchCase } from './bench-cases';

export type InboxEntry = { caseId: string; sha256: string[] };

export type CaseInbox = {
  url: string;
  /** Every POST stored, in order (a case twice = a duplicate). */
  stored: InboxEntry[];
  close: () => Promise<void>;
};

type Part = { name: string; data: Buffer };

function parseMultipart(body: Buffer, contentType: string): Part[] {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const token = match?.[1] ?? match?.[2];
  if (token === undefined) throw new Error('no multipart boundary');
  const boundary = Buffer.from(`--${token}`);
  const parts: Part[] = [];
  let at = body.indexOf(boundary);
  while (at !== -1) {
    const start = at + boundary.length;
    if (body.subarray(start, start + 2).toString() === '--') return parts;
    const headEnd = body.indexOf('\r\n\r\n', start);
    const next = headEnd === -1 ? -1 : body.indexOf(boundary, headEnd + 4);
    if (next === -1) throw new Error('malformed multipart body');
    const head = body.subarray(start, headEnd).toString('utf8');
    parts.push({ name: /name="([^"]*)"/.exec(head)?.[1] ?? '', data: body.subarray(headEnd + 4, next - 2) });
    at = next;
  }
  throw new Error('multipart body without a closing boundary');
}

export async function startCaseInbox(): Promise<CaseInbox> {
  const stored: InboxEntry[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A cut mid-body: nothing is stored, nobody is answered.
    req.on('error', () => undefined);
    req.on('end', () => {
      try {
        const parts = parseMultipart(Buffer.concat(chunks), req.headers['content-type'] ?? '');
        const document = parts.find((p) => p.name === 'case');
        const parsed: unknown = JSON.parse(document?.data.toString('utf8') ?? 'null');
        const caseId =
          typeof parsed === 'object' && parsed !== null && 'id' in parsed && typeof parsed.id === 'string'
            ? parsed.id
            : '';
        stored.push({
          caseId,
          sha256: parts.filter((p) => p.name !== 'case').map((p) => createHash('sha256').update(p.data).digest('hex')),
        });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: caseId }));
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"error":"bad request"}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    stored,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** The request the page made when the agent submitted: one POST with the case and every photo. */
function formOf(entry: BenchCase): FormData {
  const form = new FormData();
  // The same case document as the phone's engine sends, with the case id in front.
  form.append('case', `{"id":${JSON.stringify(entry.record.id)},${entry.documentJson.slice(1)}`);
  entry.images.forEach((image, i) => {
    const name = i < entry.images.length - 1 ? `photo${String(i)}` : 'signature';
    form.append(name, new Blob([image.bytes.slice()], { type: image.type }), `${image.id}.${image.type.slice(6)}`);
  });
  return form;
}

export type ReplayResult = {
  /** POSTs started. */
  requests: number;
  /** POSTs that failed on the network (each is replayed from byte 0). */
  failures: number;
  /** POSTs that got an error status (workbox drops them from the queue all the same). */
  errorAnswers: number;
  /** Time spent waiting between a failed replay and the next one. */
  retryWaitMs: number;
};

/**
 * Replays `queue` to `url` until it is empty, as workbox-background-sync's Queue would, starting a
 * new replay `retryDelayMs` after each failed one (the browser's next `sync` event).
 */
export async function replayQueue(
  queue: readonly BenchCase[],
  url: string,
  options: { token: string; retryDelayMs: number; deadline: number },
): Promise<ReplayResult> {
  const pending = [...queue];
  const result: ReplayResult = { requests: 0, failures: 0, errorAnswers: 0, retryWaitMs: 0 };
  while (pending.length > 0) {
    if (performance.now() > options.deadline) throw new Error('the workbox queue did not empty before the deadline');
    const entry = pending[0]!;
    result.requests += 1;
    try {
      const response = await fetch(`${url}/cases`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${options.token}` },
        body: formOf(entry),
      });
      pending.shift();
      if (!response.ok) result.errorAnswers += 1;
      await response.arrayBuffer().catch(() => undefined);
    } catch {
      result.failures += 1;
      const waitStart = performance.now();
      await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs));
      result.retryWaitMs += performance.now() - waitStart;
    }
  }
  return result;
}
