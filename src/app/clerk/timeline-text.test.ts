import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../domain/workbench';
import { entryText } from './timeline-text';

const entry = (type: TimelineEntry['type'], payload: Record<string, unknown>, actorName: string | null = '李娜') =>
  ({ seq: 1, type, at: '2026-03-02T01:06:00.000Z', actorName, payload }) satisfies TimelineEntry;

const windows = (code: string) => ({ MZ: '民政窗口', SB: '社保窗口' })[code] ?? code;

describe('the timeline in words', () => {
  it('a 补正 notice lists every requested material with its note, and links its notice', () => {
    const text = entryText(
      entry('supplement_requested', {
        status: 'supplement',
        round: 2,
        items: [{ materialKey: 'idCard', name: '身份证', note: '照片模糊' }],
        note: '请一次补齐',
        noticeNumber: 'BZ-2026-0001',
      }),
      windows,
    );
    expect(text).toEqual({
      title: '补正告知',
      actor: '李娜',
      lines: ['身份证：照片模糊', '说明：请一次补齐', '补齐后为第 2 轮', '文书编号 BZ-2026-0001'],
      notice: { kind: 'supplement', number: 'BZ-2026-0001' },
    });
  });

  it('an acceptance by the Art. 32 rule names the system as the actor', () => {
    const text = entryText(
      entry(
        'accepted',
        {
          status: 'accepted',
          acceptedAt: '2026-03-02T01:06:00.000Z',
          dueDate: '2026-03-30',
          deemed: true,
          noticeNumber: 'SL-1',
          note: '',
        },
        null,
      ),
      windows,
    );
    expect(text.actor).toBe('系统（逾期未告知，视为受理）');
    expect(text.lines[0]).toBe('逾期未告知，自收到申请材料之日起视为受理');
    expect(text.notice).toEqual({ kind: 'accept', number: 'SL-1' });
  });

  it('a transfer names the windows, a result its outcome and number', () => {
    expect(
      entryText(entry('transferred', { status: 'received', fromWindow: 'SB', toWindow: 'MZ', note: '' }), windows)
        .lines,
    ).toEqual(['从 社保窗口 转至 民政窗口']);
    expect(
      entryText(
        entry('completed', {
          status: 'completed_approved',
          outcome: 'approved',
          resultName: '老年人优待证',
          resultNumber: 'YD-7',
          note: '',
        }),
        windows,
      ).lines,
    ).toEqual(['准予：老年人优待证（编号 YD-7）']);
  });

  it('the resident’s rating names the choice and whether words came with it, the resident as the actor', () => {
    const rated = (hasComment: boolean) =>
      entryText(
        entry('rated', { status: 'completed_approved', satisfaction: 'very_dissatisfied', hasComment }, null),
        windows,
      );
    expect(rated(true)).toEqual({
      title: '群众评价',
      actor: '群众（申请人）',
      lines: ['非常不满意（附文字意见）'],
      notice: null,
    });
    expect(rated(false).lines).toEqual(['非常不满意']);
  });

  it('a payload the workbench cannot read still shows the event', () => {
    expect(entryText(entry('extended', { odd: true }), windows)).toMatchObject({
      title: '延期',
      lines: [],
      notice: null,
    });
  });
});
