import type { FieldDef } from './fields';
import { isIsoDate, valueMismatch } from './value-fits-field';

const field = (type: FieldDef['type'], options?: string[]): FieldDef => ({
  key: 'f',
  label: 'F',
  type,
  options,
});

describe(valueMismatch.name, () => {
  it.each([
    ['text', 'anything', field('text')],
    ['text', '', field('text')],
    ['number', 12.5, field('number')],
    ['boolean', false, field('boolean')],
    ['date', '2025-02-28', field('date')],
    ['date-time', '2024-02-29T23:59:59.123+02:00', field('date')],
    ['select', 'Gold', field('select', ['Gold', 'Silver'])],
    ['manager', 'ada@example.com', field('manager')],
  ])('accepts a %s value', (_type, value, def) => {
    expect(valueMismatch(value, def)).toBeNull();
  });

  it.each([
    ['text', 12, field('text'), 'must be a string for the field "f", not 12'],
    ['number', '12', field('number'), 'must be a number'],
    ['number', null, field('number'), 'not null'],
    ['boolean', 'true', field('boolean'), 'must be true or false'],
    ['date', '2025-02-30', field('date'), 'must be an ISO 8601 date'],
    ['date', 'tomorrow', field('date'), 'must be an ISO 8601 date'],
    ['select', 'Bronze', field('select', ['Gold', 'Silver']), 'must be one of "Gold", "Silver"'],
    ['select', 'gold', field('select', ['Gold']), 'must be one of "Gold"'],
    ['manager', 3, field('manager'), "must be a manager's email"],
  ])('refuses a wrong %s value', (_type, value, def, fragment) => {
    expect(valueMismatch(value, def)).toContain(fragment);
  });
});

describe(isIsoDate.name, () => {
  it.each(['2025-01-01', '2025-01-01T10:00', '2025-01-01T10:00:00Z', '2025-12-31T23:59:59.5-05:00'])(
    'accepts %s',
    (text) => {
      expect(isIsoDate(text)).toBe(true);
    },
  );

  it.each(['2025-13-01', '2023-02-29', '2025-1-1', '01/02/2025', '2025-01-01T24:00', '2025-01-01 10:00'])(
    'refuses %s',
    (text) => {
      expect(isIsoDate(text)).toBe(false);
    },
  );
});
