/**
 * A fault-injecting HTTP proxy for sync tests: it sits between a client and the real server and, per
 * request, can cut the connection partway through the body, lose the response after the server has
 * acted on the request, deliver the request twice, or flip a byte in the body. `decide` picks the
 * fault for each request; the proxy counts what it forwarded so tests can measure re-sent bytes.
 */
import http from 'node:http';

export type Fault =
  | { kind: 'none' }
  /** Forward only this many body bytes, then cut both connections. */
  | { kind: 'cut-request'; afterBytes: number }
  /** Forward the whole request, let the server answer, then cut the client's connection. */
  | { kind: 'lose-response' }
  /** Deliver the request twice; the client sees the second answer. */
  | { kind: 'duplicate' }
  /** Flip one body byte at this index before forwarding. */
  | { kind: 'corrupt'; atByte: number }
  /** Forward normally, and deliver a stale copy again after `afterRequests` later requests (out of order). */
  | { kind: 'replay-later'; afterRequests: number };

export type ProxiedRequest = { method: string; url: string; bodyBytes: number };

export type FaultProxy = {
  url: string;
  /** Every request the client sent, in order (whatever happened to it). */
  seen: ProxiedRequest[];
  /** Body bytes the client sent through the proxy, in total. */
  bytesFromClient: () => number;
  close: () => Promise<void>;
};

function forward(
  upstream: URL,
  req: http.IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const out = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host, 'content-length': String(body.length) },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(parts) });
        });
        res.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

export async function startFaultProxy(
  upstreamUrl: string,
  decide: (request: ProxiedRequest, index: number) => Fault,
): Promise<FaultProxy> {
  const upstream = new URL(upstreamUrl);
  const seen: ProxiedRequest[] = [];
  let fromClient = 0;
  const replays: Array<{ dueAt: number; req: http.IncomingMessage; body: Buffer }> = [];
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const body = Buffer.concat(parts);
      fromClient += body.length;
      const request = { method: req.method ?? 'GET', url: req.url ?? '/', bodyBytes: body.length };
      seen.push(request);
      for (const replay of replays.filter((r) => r.dueAt <= seen.length)) {
        replays.splice(replays.indexOf(replay), 1);
        void forward(upstream, replay.req, replay.body).catch(() => undefined);
      }
      const fault = decide(request, seen.length - 1);
      if (fault.kind === 'replay-later') replays.push({ dueAt: seen.length + fault.afterRequests, req, body });
      void (async () => {
        try {
          if (fault.kind === 'cut-request') {
            await new Promise<void>((resolve) => {
              const out = http.request({
                host: upstream.hostname,
                port: upstream.port,
                method: req.method,
                path: req.url,
                headers: { ...req.headers, host: upstream.host },
              });
              out.on('error', () => {
                resolve();
              });
              out.write(body.subarray(0, fault.afterBytes), () => {
                out.destroy();
                resolve();
              });
            });
            req.socket.destroy();
            return;
          }
          const sent = fault.kind === 'corrupt' ? Buffer.from(body) : body;
          if (fault.kind === 'corrupt' && sent.length > fault.atByte)
            sent[fault.atByte] = (sent[fault.atByte] ?? 0) ^ 0xff;
          let answer = await forward(upstream, req, sent);
          if (fault.kind === 'duplicate') answer = await forward(upstream, req, sent);
          if (fault.kind === 'lose-response') {
            req.socket.destroy();
            return;
          }
          res.writeHead(answer.status, answer.headers);
          res.end(answer.body);
        } catch {
          req.socket.destroy();
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    seen,
    bytesFromClient: () => fromClient,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
