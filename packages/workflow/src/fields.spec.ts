import { BUILT_IN_FIELDS, RESERVED_FIELD_KEYS, validateFieldKey } from './fields';

describe(validateFieldKey.name, () => {
  it.each(['industry', 'dealValue', 'budget_2025', 'a'])('accepts %s', (key) => {
    expect(validateFieldKey(key)).toBeNull();
  });

  it('accepts every built-in key', () => {
    for (const field of BUILT_IN_FIELDS) expect(validateFieldKey(field.key)).toBeNull();
  });

  it.each(['id', 'tags', 'constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'])(
    'refuses the reserved key %s',
    (key) => {
      expect(RESERVED_FIELD_KEYS).toContain(key);
      expect(validateFieldKey(key)).toContain('reserved');
    },
  );

  it.each(['', 'Budget', '1st', 'deal-value', 'deal value', `a${'b'.repeat(40)}`])(
    'refuses the malformed key %j',
    (key) => {
      expect(validateFieldKey(key)).toContain('is not a field key');
    },
  );
});

describe('BUILT_IN_FIELDS', () => {
  it('holds the fields api.md lists, with their types', () => {
    expect(Object.fromEntries(BUILT_IN_FIELDS.map((f) => [f.key, f.type]))).toEqual({
      name: 'text',
      email: 'text',
      phone: 'text',
      company: 'text',
      country: 'text',
      industry: 'text',
      source: 'text',
      product: 'text',
      status: 'text',
      dealValue: 'number',
      score: 'number',
      manager: 'manager',
    });
  });
});

describe('RESERVED_FIELD_KEYS', () => {
  it('covers every property a plain object already has', () => {
    for (const key of Object.getOwnPropertyNames(Object.prototype))
      expect(RESERVED_FIELD_KEYS).toContain(key);
  });
});
