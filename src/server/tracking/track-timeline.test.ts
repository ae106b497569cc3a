import { describe, expect, it } from 'vitest';
import { trackTimeline, type TimelineEvent } from './track-timeline';

const event = (type: string, at: string, payload: Record<string, unknown> = {}): TimelineEvent => ({
  type,
  at,
  payload: JSON.stringify({ status: 'received', ...payload }),
});

describe("a case's events in the resident's words", () => {
  it('starts with the agent, then the township; a deemed acceptance is dated from receipt', () => {
    const steps = trackTimeline('2026-03-02T01:00:00.000Z', [
      event('received', '2026-03-02T02:00:00.000Z'),
      event('accepted', '2026-03-10T00:00:00.000Z', { acceptedAt: '2026-03-02T02:00:00.000Z', deemed: true }),
      event('transferred', '2026-03-11T00:00:00.000Z'),
      event('extended', '2026-03-12T00:00:00.000Z'),
      event('rated', '2026-03-13T00:00:00.000Z'),
    ]);
    expect(steps).toEqual([
      { step: 'with_agent', at: '2026-03-02T01:00:00.000Z', detail: [] },
      { step: 'reached_township', at: '2026-03-02T02:00:00.000Z', detail: [] },
      { step: 'accepted', at: '2026-03-02T02:00:00.000Z', detail: [] },
      { step: 'in_progress', at: '2026-03-02T02:00:00.000Z', detail: [] },
    ]);
  });

  it('names the materials a 补正 asks for and the reason of a refusal', () => {
    const steps = trackTimeline('2026-03-02T01:00:00.000Z', [
      event('supplement_requested', '2026-03-03T02:00:00.000Z', {
        items: [
          { materialKey: 'idCard', note: '不清晰', name: '居民身份证' },
          { materialKey: 'hukou', note: '缺', name: '户口簿' },
        ],
      }),
      event('resubmitted', '2026-03-04T02:00:00.000Z'),
      event('rejected', '2026-03-05T02:00:00.000Z', { reason: '不符合条件' }),
    ]);
    expect(steps.slice(1)).toEqual([
      { step: 'supplement', at: '2026-03-03T02:00:00.000Z', detail: ['居民身份证', '户口簿'] },
      { step: 'reached_township', at: '2026-03-04T02:00:00.000Z', detail: [] },
      { step: 'rejected', at: '2026-03-05T02:00:00.000Z', detail: ['不符合条件'] },
    ]);
  });
});
