import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const trustProxyOf = (value?: string) =>
  loadConfig(value === undefined ? {} : { DAIBAN_TRUST_PROXY: value }).trustProxy;

describe('DAIBAN_TRUST_PROXY', () => {
  it('trusts only a proxy on the loopback interface by default', () => {
    expect(trustProxyOf()).toEqual(['loopback']);
  });

  it('takes a comma-separated list of addresses, CIDRs and range names', () => {
    expect(trustProxyOf(' 10.0.0.5, 10.0.0.0/8 ,fd00::/8,::1, LoopBack,uniquelocal ')).toEqual([
      '10.0.0.5',
      '10.0.0.0/8',
      'fd00::/8',
      '::1',
      'loopback',
      'uniquelocal',
    ]);
  });

  it('refuses a hop count, a bad address or prefix and an empty list, naming the variable', () => {
    expect(() => trustProxyOf('1')).toThrow(/DAIBAN_TRUST_PROXY: a hop count cannot tell a proxy/);
    expect(() => trustProxyOf('10.0.0.0/33')).toThrow(/DAIBAN_TRUST_PROXY: "10\.0\.0\.0\/33" is not an IP address/);
    expect(() => trustProxyOf('loopback,proxy.example')).toThrow(/"proxy\.example" is not/);
    expect(() => trustProxyOf('fd00::/129')).toThrow(/"fd00::\/129" is not/);
    expect(() => trustProxyOf('0.0.0.0/0')).toThrow(/"0\.0\.0\.0\/0" is not/);
    expect(() => trustProxyOf('10.0.0.1/8/8')).toThrow(/is not/);
    expect(() => trustProxyOf(' , ')).toThrow(/DAIBAN_TRUST_PROXY: name at least one proxy/);
  });
});
