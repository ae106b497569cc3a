import { describe, expect, it } from 'vitest';
import type { TrackView } from '../../domain/tracking';
import { ApiRequestError, NetworkError } from '../../device/sync-fetch';
import {
  addressWithoutSecret,
  currentText,
  expectedLabel,
  isClosed,
  lookupProblem,
  problemSentence,
  readTrackAddress,
  stepRows,
  telHref,
  trackTime,
} from './track-text';

const secret = 'Zm9vYmFyYmF6cXV4cXV1eA_-';

type Timeline = TrackView['timeline'];
const at = (day: number) => `2026-03-0${String(day)}T01:06:00.000Z`;
const received: Timeline = [
  { step: 'with_agent', at: at(1), detail: [] },
  { step: 'reached_township', at: at(2), detail: [] },
];

describe('the address the page was opened with', () => {
  it('reads the QR code’s code and secret, normalising the code', () => {
    expect(readTrackAddress(`?code=7kq4m2xd&t=${secret}`)).toEqual({ code: '7KQ4-M2XD', secret, hadSecret: true });
  });

  it('a malformed secret is not used, but still leaves the address; a bad code keeps what was typed', () => {
    expect(readTrackAddress('?code=7KQ4-M2XD&t=short')).toEqual({ code: '7KQ4-M2XD', secret: null, hadSecret: true });
    expect(readTrackAddress(`?code=0000&t=${secret}`)).toEqual({ code: '0000', secret: null, hadSecret: true });
    expect(readTrackAddress('')).toEqual({ code: '', secret: null, hadSecret: false });
  });

  it('the address shown afterwards keeps the code only', () => {
    expect(addressWithoutSecret('7KQ4-M2XD')).toBe('/track?code=7KQ4-M2XD');
    expect(addressWithoutSecret('')).toBe('/track');
  });
});

describe('the case in plain words', () => {
  it('times read in China time, whatever the phone’s zone', () => {
    expect(trackTime('2026-03-01T17:06:00.000Z')).toBe('2026年3月2日 01:06');
  });

  it('a case that reached the township: where it is now, and what lies ahead', () => {
    const rows = stepRows({ timeline: received, suspended: false });
    expect(rows.map((r) => [r.title, r.state])).toEqual([
      ['已交给代办员', 'done'],
      ['已送到乡镇', 'current'],
      ['已受理', 'ahead'],
      ['已办结', 'ahead'],
    ]);
    expect(currentText({ timeline: received, suspended: false })).toBe('已送到乡镇');
    expect(expectedLabel({ timeline: received })).toBe('窗口答复期限');
  });

  it('需要补充材料 names the materials; 不予受理 gives the reason and nothing lies ahead', () => {
    const supplement: Timeline = [...received, { step: 'supplement', at: at(3), detail: ['身份证', '户口簿'] }];
    expect(stepRows({ timeline: supplement, suspended: false }).at(2)).toMatchObject({
      title: '需要补充材料',
      details: ['身份证', '户口簿'],
      state: 'current',
    });

    const rejected: Timeline = [...received, { step: 'rejected', at: at(3), detail: ['不属于本乡镇受理范围'] }];
    const rows = stepRows({ timeline: rejected, suspended: false });
    expect(rows.map((r) => r.state)).toEqual(['done', 'done', 'current']);
    expect(rows.at(-1)?.details).toEqual(['不属于本乡镇受理范围']);
    expect(isClosed({ timeline: rejected })).toBe(true);
  });

  it('办理中 under a 特别程序 says the clock is stopped', () => {
    const handling: Timeline = [
      ...received,
      { step: 'accepted', at: at(3), detail: [] },
      { step: 'in_progress', at: at(3), detail: [] },
    ];
    const rows = stepRows({ timeline: handling, suspended: true });
    expect(rows.at(-2)).toMatchObject({ title: '办理中', state: 'current', suspended: true });
    expect(rows.at(-1)).toMatchObject({ title: '已办结', state: 'ahead', suspended: false });
    expect(currentText({ timeline: handling, suspended: true })).toBe('办理中（特别程序中，暂停计时）');
    expect(expectedLabel({ timeline: handling })).toBe('预计办结日期');
  });

  it('phone numbers dial as digits', () => {
    expect(telHref('0571-8888 1234')).toBe('tel:057188881234');
  });
});

describe('what a failed lookup tells the resident', () => {
  it('a miss, a lock (in whole minutes), no signal and a slow one', () => {
    expect(lookupProblem(new ApiRequestError(404, 'TRACK_NOT_FOUND', 'miss'))).toEqual({ kind: 'not-found' });
    expect(lookupProblem(new ApiRequestError(429, 'TRACK_LOCKED', 'locked', { retryAfterSeconds: 1501 }))).toEqual({
      kind: 'locked',
      minutes: 26,
    });
    expect(lookupProblem(new NetworkError('unreachable'))).toEqual({ kind: 'offline' });
    expect(lookupProblem(new NetworkError('timeout'))).toEqual({ kind: 'timeout' });
  });

  it('a 401 after the lookup means the access ran out: look it up again', () => {
    const expired = new ApiRequestError(401, 'UNAUTHENTICATED', 'Look the case up again');
    expect(lookupProblem(expired, true)).toEqual({ kind: 'expired' });
    expect(problemSentence({ kind: 'expired' })).toContain('请重新输入');
  });

  it('too many complaints say how long to wait; anything else in the catalogue’s words', () => {
    const limited = new ApiRequestError(429, 'RATE_LIMITED', 'slow down', { retryAfterSeconds: 3600 });
    expect(lookupProblem(limited, true)).toEqual({ kind: 'failed', message: '操作太频繁，请 60 分钟后再试' });
    expect(lookupProblem(new Error('boom'))).toEqual({ kind: 'failed', message: '服务器出错了，请稍后再试' });
  });
});
