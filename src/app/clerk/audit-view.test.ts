import { describe, expect, it } from 'vitest';
import { activeAuditFilters, auditDetailText, auditHref, parseAuditSearch } from './audit-view';

describe('the 审计日志 address', () => {
  it('keeps the filters the server accepts and drops the rest', () => {
    expect(
      parseAuditSearch(
        'action=case.reveal&actor=u1&subject=999001-20260302-00001&from=2026-03-01&to=2026-03-02&before=40',
      ),
    ).toEqual({
      action: 'case.reveal',
      actor: 'u1',
      subject: '999001-20260302-00001',
      from: '2026-03-01',
      to: '2026-03-02',
      before: 40,
    });
    expect(parseAuditSearch('action=case.nothing&from=yesterday&before=-3&subject=')).toEqual({});
    expect(parseAuditSearch('from=2026-03-05&to=2026-03-01')).toEqual({ from: '2026-03-05' });
  });

  it('keeps the county administrator’s township filter, the entries of no township included', () => {
    expect(parseAuditSearch('township=none&action=auth.sign_in_failed')).toEqual({
      township: 'none',
      action: 'auth.sign_in_failed',
    });
    const view = { township: '0190d7e2-township', actor: 'u1' };
    expect(auditHref(view)).toBe('/clerk/audit?township=0190d7e2-township&actor=u1');
    expect(activeAuditFilters(view)).toBe(2);
  });

  it('writes the view back into an address; paging is not a filter', () => {
    const view = { action: 'auth.sign_in' as const, before: 12 };
    expect(auditHref(view)).toBe('/clerk/audit?action=auth.sign_in&before=12');
    expect(parseAuditSearch(auditHref(view).split('?')[1] ?? '')).toEqual(view);
    expect(auditHref({})).toBe('/clerk/audit');
    expect(activeAuditFilters(view)).toBe(1);
  });
});

describe('what an entry says happened', () => {
  it('names the case event, the revealed field and the sign-in', () => {
    expect(auditDetailText({ action: 'case.event', detail: { event: 'accepted', seq: 7 } })).toBe('受理');
    expect(auditDetailText({ action: 'case.reveal', detail: { field: 'idNumber' } })).toBe('查看完整身份证号');
    expect(auditDetailText({ action: 'auth.sign_in', detail: { client: 'web' } })).toBe('工作台');
    expect(
      auditDetailText({
        action: 'auth.sign_in_failed',
        detail: { client: 'device', reason: 'wrong_password', locked: true },
      }),
    ).toBe('手机，密码错误，已锁定账号');
  });

  it('summarises an export without any search text', () => {
    expect(
      auditDetailText({
        action: 'export.cases',
        detail: { format: 'xlsx', rows: 12, tab: 'handling', from: '2026-03-01', to: '2026-03-02', search: true },
      }),
    ).toBe('Excel，办理中，2026-03-01 至 2026-03-02，按关键词搜索，12 行');
  });

  it('shows codes it does not know as they are', () => {
    expect(auditDetailText({ action: 'admin.user', detail: { change: 'disabled', user: 'u9' } })).toBe(
      'change: disabled，user: u9',
    );
    expect(auditDetailText({ action: 'case.event', detail: { event: 'teleported' } })).toBe('teleported');
  });
});
