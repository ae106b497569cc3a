import { describe, expect, it } from 'vitest';
import { validateLogin } from './validate-login';

describe('checking the login form before sending it', () => {
  it('an empty form asks for both the phone number and the password', () => {
    expect(validateLogin({ phone: '', password: '' }, 'device')).toEqual({
      ok: false,
      errors: { phone: '请输入手机号', password: '请输入密码' },
    });
  });

  it('a number that is not a mainland mobile is refused at the phone field', () => {
    expect(validateLogin({ phone: '12345', password: 'x' }, 'web')).toEqual({
      ok: false,
      errors: { phone: '请输入正确的 11 位手机号码' },
    });
  });

  it('a number typed with spaces and dashes is accepted as the same number', () => {
    const result = validateLogin({ phone: ' 139 0000-0011 ', password: 'daiban123' }, 'device');

    expect(result).toEqual({
      ok: true,
      request: { phone: '13900000011', password: 'daiban123', client: 'device' },
    });
  });

  it('an absurdly long password is refused before it reaches the server', () => {
    const result = validateLogin({ phone: '13900000011', password: 'x'.repeat(201) }, 'web');

    expect(result).toEqual({ ok: false, errors: { password: '密码不能超过 200 个字符' } });
  });
});
