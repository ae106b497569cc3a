import { describe, expect, it } from 'vitest';
import { RoleMismatchError } from '../../device/sync-auth';
import { ApiRequestError, NetworkError } from '../../device/sync-fetch';
import { describeError } from './describe-error';

describe('what a failed login says to the user', () => {
  it('a wrong password reads as a wrong phone or password, without telling which', () => {
    const error = new ApiRequestError(401, 'AUTH_INVALID_CREDENTIALS', 'bad');

    expect(describeError(error, 'agent-login')).toBe('手机号或密码不正确');
  });

  it('a locked account says how many minutes to wait, rounded up', () => {
    const error = new ApiRequestError(423, 'AUTH_LOCKED', 'locked', { retryAfterSeconds: 14 * 60 + 1 });

    expect(describeError(error, 'clerk-login')).toBe('账号已锁定，请 15 分钟后再试');
  });

  it('an agent without signal is told the first login needs the network', () => {
    expect(describeError(new NetworkError('unreachable'), 'agent-login')).toBe('当前无网络，首次登录需要联网');
  });

  it('a clerk on the agent login, and an agent on the window login, are sent to the right door', () => {
    expect(describeError(new RoleMismatchError('clerk'), 'agent-login')).toContain('窗口登录');
    expect(describeError(new RoleMismatchError('agent'), 'clerk-login')).toContain('代办员登录');
  });
});
