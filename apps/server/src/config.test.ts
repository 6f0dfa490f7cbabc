import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('BATON_TRUSTED_PROXIES', () => {
  it('trusts no proxy by default', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ BATON_TRUSTED_PROXIES: '' }).trustedProxies).toEqual([]);
  });

  it('takes addresses and CIDR ranges, comma-separated', () => {
    expect(
      loadConfig({ BATON_TRUSTED_PROXIES: ' 127.0.0.1, 10.0.0.0/8 ,::1,fd00::/8,loopback' }).trustedProxies,
    ).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback']);
  });

  it.each(['*', 'true', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/2', '300.1.1.1'])(
    'refuses %s, naming the setting',
    (value) => {
      expect(() => loadConfig({ BATON_TRUSTED_PROXIES: value })).toThrow(/BATON_TRUSTED_PROXIES/);
    },
  );
});
