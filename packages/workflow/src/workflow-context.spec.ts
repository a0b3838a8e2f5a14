import { normalizeEmail, normalizeManagerValue, resolveContext } from './workflow-context';

describe(resolveContext.name, () => {
  it('leaves out what it was not given', () => {
    expect(resolveContext({})).toEqual({});
  });

  it('knows the built-in fields beside the custom ones', () => {
    const { fields } = resolveContext({
      fields: [{ key: 'tier', label: 'Tier', type: 'select', options: ['Gold'] }],
    });
    expect(fields?.get('tier')?.type).toBe('select');
    expect(fields?.get('manager')?.type).toBe('manager');
    expect(fields?.get('dealValue')?.type).toBe('number');
  });

  it('indexes manager emails without regard to case, from any iterable', () => {
    const { managerEmails } = resolveContext({ managerEmails: new Set(['Ada@Example.com']) });
    expect(managerEmails?.has('ada@example.com')).toBe(true);
  });
});

describe('normalizeEmail', () => {
  it('lower-cases and changes nothing else', () => {
    expect(normalizeEmail('Ada@Example.COM')).toBe('ada@example.com');
    expect(normalizeEmail(' ada@example.com')).toBe(' ada@example.com');
  });
});

describe('normalizeManagerValue', () => {
  it('trims an email and lower-cases it; other values stay as they are', () => {
    expect(normalizeManagerValue(' Ada@Example.COM ')).toBe('ada@example.com');
    expect(normalizeManagerValue(null)).toBeNull();
    expect(normalizeManagerValue(3)).toBe(3);
  });
});
