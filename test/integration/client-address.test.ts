/**
 * The client address a per-address limit counts under (DAIBAN_TRUST_PROXY): X-Forwarded-For names it
 * only when the request comes from a trusted proxy; from anyone else it is the peer's own address.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { newReceiptCode } from '../../src/domain/receipt-code';
import { loadConfig } from '../../src/server/config';
import { dialects, startTestApp, type TestApp } from './harness';
import { PHONE_LAST4, submitTrackable, trackApi } from './track-fixtures';
import { AGENT, apiAs, chinaTime, problemOf, tokenFor } from './workbench-fixtures';

describe.each(dialects)('client addresses behind a proxy on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function setup(trustProxy?: string) {
    t = await startTestApp(dialect, {
      trustProxy: trustProxy === undefined ? undefined : loadConfig({ DAIBAN_TRUST_PROXY: trustProxy }).trustProxy,
    });
    t.clock.now = chinaTime('2026-03-02 10:00');
    const { app } = t;
    const { code } = await submitTrackable(apiAs(app, await tokenFor(app, AGENT)));
    const track = trackApi(app);
    /** Five failed lookups, each naming a different client in X-Forwarded-For. */
    const failFiveTimes = async (peer: string, forwardedFor: (i: number) => string) => {
      for (let i = 0; i < 5; i += 1) {
        const res = await track.lookupRes({ code: newReceiptCode(), phoneLast4: '1234' }, peer, {
          'x-forwarded-for': forwardedFor(i),
        });
        expect(res.statusCode).toBe(404);
      }
    };
    const lookupRight = (peer: string, forwardedFor: string) =>
      track.lookupRes({ code, phoneLast4: PHONE_LAST4 }, peer, { 'x-forwarded-for': forwardedFor });
    const lockedKeys = async () =>
      (await app.db.kysely.selectFrom('track_locks').select('key').orderBy('key').execute()).map((l) => l.key);
    return { failFiveTimes, lookupRight, lockedKeys };
  }

  it('from a peer that is not a trusted proxy, X-Forwarded-For is ignored: rotating it does not escape the lock', async () => {
    const { failFiveTimes, lookupRight, lockedKeys } = await setup();
    const peer = '203.0.113.20';
    await failFiveTimes(peer, (i) => `198.51.100.${String(i + 1)}`);
    const locked = await lookupRight(peer, '198.51.100.99');
    expect(locked.statusCode).toBe(429);
    expect(problemOf(locked).code).toBe('TRACK_LOCKED');
    expect(await lockedKeys()).toEqual([`ip:${peer}`]);
  });

  it('from a proxy on the loopback interface, X-Forwarded-For names the client', async () => {
    const { failFiveTimes, lookupRight, lockedKeys } = await setup();
    // Through the proxy, over IPv4 and IPv6 loopback: one client fails five times.
    await failFiveTimes('127.0.0.1', () => '198.51.100.7');
    expect(await lockedKeys()).toEqual(['ip:198.51.100.7']);
    expect((await lookupRight('::1', '198.51.100.7')).statusCode).toBe(429);
    // The proxy itself and the other residents behind it are not locked out.
    expect((await lookupRight('127.0.0.1', '198.51.100.8')).statusCode).toBe(200);
    expect((await lookupRight('::1', '2001:db8::8')).statusCode).toBe(200);
    // A client cannot hide behind a faked entry in front of the proxy's own: the last one counts.
    expect((await lookupRight('127.0.0.1', '192.0.2.1, 198.51.100.7')).statusCode).toBe(429);
  });

  it('a configured proxy range is trusted instead of loopback', async () => {
    const { failFiveTimes, lookupRight, lockedKeys } = await setup('10.0.0.0/8');
    await failFiveTimes('10.1.2.3', () => '198.51.100.9');
    expect(await lockedKeys()).toEqual(['ip:198.51.100.9']);
    expect((await lookupRight('10.1.2.3', '198.51.100.10')).statusCode).toBe(200);
    // Loopback is no longer trusted: its header is ignored.
    await failFiveTimes('127.0.0.1', (i) => `198.51.100.${String(20 + i)}`);
    expect(await lockedKeys()).toEqual(['ip:127.0.0.1', 'ip:198.51.100.9']);
  });
});
