import { lead } from '../../test/fixtures';
import { accountKey } from './sticky';

describe(accountKey.name, () => {
  it('compares company names trimmed and case-blind, and emails by the part after @', () => {
    expect(accountKey('company', lead('l', { company: '  ACME Corp ' }))).toBe('acme corp');
    expect(accountKey('company', lead('l', { company: '   ' }))).toBeNull();
    expect(accountKey('company', lead('l', {}))).toBeNull();
    expect(accountKey('emailDomain', lead('l', { email: 'Jo@Acme.COM' }))).toBe('acme.com');
    expect(accountKey('emailDomain', lead('l', { email: 'no-at-sign' }))).toBeNull();
    expect(accountKey('emailDomain', lead('l', { email: 'jo@' }))).toBeNull();
  });
});

describe('accountKey of an email without a local part', () => {
  it('still gives the domain: "@acme.com" is the account acme.com', () => {
    expect(accountKey('emailDomain', { fields: { email: '@Acme.com' } })).toBe('acme.com');
    expect(accountKey('emailDomain', { fields: { email: ' jo@ACME.com ' } })).toBe('acme.com');
  });
});
