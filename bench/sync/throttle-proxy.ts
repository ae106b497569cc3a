/**
 * A slow, breaking link for bench/sync, emulated at the TCP level between a client and a server on
 * 127.0.0.1: every byte of HTTP crosses it (request line, headers and body up; status line, headers
 * and body down) and is counted.
 *
 * Model:
 * - Upstream (client → server) is one serial line of `upBytesPerSecond` shared by every connection:
 *   a token bucket without burst. Bytes queue, leave in slices of SLICE_BYTES one after another, and
 *   arrive `oneWayDelayMs` after leaving. Downstream is the same with `downBytesPerSecond`.
 * - A new connection costs one round trip before its first byte may leave (the TCP handshake).
 * - The proxy reads from a socket only while less than HIGH_WATER bytes of it wait for the line, so
 *   the rest stays in the sender's own buffers, as on a phone.
 * - A cut drops the link at once: every open connection is reset at both ends and every byte queued
 *   or in flight is lost (a slice cut mid-transmission counts the part that left). Cuts follow a
 *   schedule fixed in advance (from a seed, `cutSchedule`), counted from `arm()`, so two contestants
 *   armed with the same schedule face the same faults at the same moments of their run.
 * - Think time: from a byte reaching the server until the server's next byte, and from a byte
 *   reaching the client until the client's next byte or new connection. This is CPU and disk time
 *   (plus the client's retry waits); it does not shrink when the link is scaled, so it is reported
 *   apart.
 */
import net from 'node:net';
import { seededRandom } from '../support/seeded-random';

const SLICE_BYTES = 8 * 1024;
const HIGH_WATER = 64 * 1024;
const LOW_WATER = 16 * 1024;

export type LinkOptions = {
  upBytesPerSecond: number;
  /** Infinity: the downstream adds only the delay. */
  downBytesPerSecond: number;
  oneWayDelayMs: number;
  /** When the link drops, in ms after `arm()`, ascending. */
  cutsAtMs: readonly number[];
  /** While armed, drop the link during this share of the server's answers (chosen by `seed`). */
  lostAnswers?: { probability: number; seed: number };
};

export type LinkCounters = {
  /** Bytes that left the client onto the line (HTTP request lines, headers and bodies). */
  upBytes: number;
  /** Bytes that left the server onto the line. */
  downBytes: number;
  connections: number;
  cuts: number;
  serverThinkMs: number;
  clientThinkMs: number;
};

export type ThrottleProxy = {
  url: string;
  counters: () => LinkCounters;
  /** Starts the cut schedule (and the clock it counts from). */
  arm: () => void;
  /** Stops the cut schedule. */
  disarm: () => void;
  close: () => Promise<void>;
};

type Direction = 'up' | 'down';

type Conn = {
  client: net.Socket;
  server: net.Socket;
  dead: boolean;
  deadAt: number;
  queued: Record<Direction, number>;
  /** Slices that left and are still travelling the delay, in order; null = the sender's FIN. */
  inFlight: Record<Direction, (Buffer | null)[]>;
};

type Slice = { conn: Conn; bytes: Buffer | null; queuedAt: number };

/** Read through a call: a cut may kill the connection while the line waits. */
function isDead(conn: Conn): boolean {
  return conn.dead;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Cut times (ms after arm) up to `horizonMs`: exponential gaps (a Poisson process) of mean `meanGapMs`,
 * never closer than `minGapMs`; seeded, so both contestants get the same cut schedule.
 */
export function cutSchedule(seed: number, meanGapMs: number, minGapMs: number, horizonMs: number): number[] {
  const random = seededRandom(seed);
  const cuts: number[] = [];
  let at = 0;
  for (;;) {
    at += Math.max(minGapMs, -Math.log(1 - random()) * meanGapMs);
    if (at > horizonMs) return cuts;
    cuts.push(at);
  }
}

/** One direction of the link: a serial line of `bytesPerSecond`, then `delayMs` of travel. */
class Line {
  private readonly queue: Slice[] = [];
  private busyUntil = 0;
  private running = false;
  bytes = 0;

  constructor(
    private readonly direction: Direction,
    private readonly bytesPerSecond: number,
    private readonly delayMs: number,
    private readonly deliver: (conn: Conn, bytes: Buffer | null) => void,
    private readonly drained: (conn: Conn) => void,
  ) {}

  push(conn: Conn, bytes: Buffer | null): void {
    const now = performance.now();
    if (bytes === null) {
      this.queue.push({ conn, bytes: null, queuedAt: now });
    } else {
      for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
        this.queue.push({ conn, bytes: bytes.subarray(at, at + SLICE_BYTES), queuedAt: now });
      }
      conn.queued[this.direction] += bytes.length;
    }
    if (!this.running) void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      for (let slice = this.queue.shift(); slice !== undefined; slice = this.queue.shift()) {
        const { conn, bytes } = slice;
        if (conn.dead) continue;
        const size = bytes?.length ?? 0;
        // The line is busy back to back while slices wait: a late timer does not lose line time.
        const start = Math.max(this.busyUntil, slice.queuedAt);
        const end = start + (size * 1000) / this.bytesPerSecond;
        this.busyUntil = end;
        const wait = end - performance.now();
        if (wait >= 1) await sleep(wait);
        conn.queued[this.direction] -= size;
        if (isDead(conn)) {
          // Cut while this slice was on the line: the part that left counts.
          const left = end > start ? Math.min(1, Math.max(0, (conn.deadAt - start) / (end - start))) : 0;
          this.bytes += Math.round(size * left);
          continue;
        }
        this.bytes += size;
        if (conn.queued[this.direction] < LOW_WATER) this.drained(conn);
        const inFlight = conn.inFlight[this.direction];
        inFlight.push(bytes);
        setTimeout(
          () => {
            const next = inFlight.shift();
            if (!conn.dead && next !== undefined) this.deliver(conn, next);
          },
          Math.max(0, end + this.delayMs - performance.now()),
        );
      }
    } finally {
      this.running = false;
    }
  }
}

export async function startThrottleProxy(upstreamUrl: string, options: LinkOptions): Promise<ThrottleProxy> {
  const upstream = new URL(upstreamUrl);
  const conns = new Set<Conn>();
  const counts = { connections: 0, cuts: 0, serverThinkMs: 0, clientThinkMs: 0 };
  let lastToServer: number | null = null;
  let lastToClient: number | null = null;
  let cutTimer: NodeJS.Timeout | undefined;
  let armed = false;
  const loseAnswer = options.lostAnswers ? seededRandom(options.lostAnswers.seed) : null;

  const clientActs = (): void => {
    if (lastToClient !== null) counts.clientThinkMs += performance.now() - lastToClient;
    lastToClient = null;
  };
  const serverActs = (): void => {
    if (lastToServer !== null) counts.serverThinkMs += performance.now() - lastToServer;
    lastToServer = null;
  };

  const kill = (conn: Conn): void => {
    if (conn.dead) return;
    conn.dead = true;
    conn.deadAt = performance.now();
    conn.inFlight.up.length = 0;
    conn.inFlight.down.length = 0;
    conn.client.resetAndDestroy();
    conn.server.resetAndDestroy();
    conns.delete(conn);
  };

  const cut = (): void => {
    counts.cuts += 1;
    for (const conn of [...conns]) kill(conn);
    lastToServer = null;
    lastToClient = null;
  };

  const up = new Line(
    'up',
    options.upBytesPerSecond,
    options.oneWayDelayMs,
    (conn, bytes) => {
      if (bytes === null) conn.server.end();
      else conn.server.write(bytes);
      lastToServer = performance.now();
    },
    (conn) => conn.client.resume(),
  );
  const down = new Line(
    'down',
    options.downBytesPerSecond,
    options.oneWayDelayMs,
    (conn, bytes) => {
      if (bytes === null) conn.client.end();
      else conn.client.write(bytes);
      lastToClient = performance.now();
    },
    (conn) => conn.server.resume(),
  );

  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    clientActs();
    counts.connections += 1;
    client.pause();
    const conn: Conn = {
      client,
      server: net.connect({ host: upstream.hostname, port: Number(upstream.port), allowHalfOpen: true }),
      dead: false,
      deadAt: 0,
      queued: { up: 0, down: 0 },
      inFlight: { up: [], down: [] },
    };
    conns.add(conn);
    // SYN and SYN-ACK: the client's first byte leaves one round trip after it connected.
    setTimeout(() => {
      if (!conn.dead) client.resume();
    }, 2 * options.oneWayDelayMs);
    client.on('data', (bytes: Buffer) => {
      clientActs();
      up.push(conn, bytes);
      if (conn.queued.up > HIGH_WATER) client.pause();
    });
    conn.server.on('data', (bytes: Buffer) => {
      const answerStarts = lastToServer !== null;
      serverActs();
      if (armed && answerStarts && loseAnswer && loseAnswer() < (options.lostAnswers?.probability ?? 0)) {
        setTimeout(cut, options.oneWayDelayMs / 2);
      }
      down.push(conn, bytes);
      if (conn.queued.down > HIGH_WATER) conn.server.pause();
    });
    client.on('end', () => {
      up.push(conn, null);
    });
    conn.server.on('end', () => {
      down.push(conn, null);
    });
    client.on('error', () => {
      kill(conn);
    });
    conn.server.on('error', () => {
      kill(conn);
    });
    const closed = (): void => {
      if (!client.destroyed || !conn.server.destroyed) return;
      conn.dead = true;
      conns.delete(conn);
    };
    client.on('close', closed);
    conn.server.on('close', closed);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const disarm = (): void => {
    armed = false;
    clearTimeout(cutTimer);
    cutTimer = undefined;
  };

  return {
    url: `http://127.0.0.1:${String(port)}`,
    counters: () => ({ upBytes: up.bytes, downBytes: down.bytes, ...counts }),
    arm() {
      disarm();
      armed = true;
      const armedAt = performance.now();
      let next = 0;
      const schedule = (): void => {
        const at = options.cutsAtMs[next];
        if (at === undefined) return;
        cutTimer = setTimeout(
          () => {
            next += 1;
            cut();
            schedule();
          },
          Math.max(0, armedAt + at - performance.now()),
        );
      };
      schedule();
    },
    disarm,
    close: () =>
      new Promise((resolve) => {
        disarm();
        for (const conn of [...conns]) kill(conn);
        server.close(() => {
          resolve();
        });
      }),
  };
}
