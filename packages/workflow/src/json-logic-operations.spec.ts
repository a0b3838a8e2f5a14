import jsonLogic from 'json-logic-js';
import { ALLOWED_OPERATIONS, registerJsonLogicOperations } from './json-logic-operations';

describe(registerJsonLogicOperations.name, () => {
  beforeAll(() => registerJsonLogicOperations(jsonLogic));

  it('adds startsWith and endsWith', () => {
    const lead = { email: 'info@acme.com' };
    expect(jsonLogic.apply({ startsWith: [{ var: 'lead.email' }, 'info@'] }, { lead })).toBe(true);
    expect(jsonLogic.apply({ startsWith: [{ var: 'lead.email' }, 'sales@'] }, { lead })).toBe(false);
    expect(jsonLogic.apply({ endsWith: [{ var: 'lead.email' }, '.com'] }, { lead })).toBe(true);
    expect(jsonLogic.apply({ endsWith: [{ var: 'lead.email' }, '.org'] }, { lead })).toBe(false);
  });

  it('answers false for anything but two strings', () => {
    expect(jsonLogic.apply({ startsWith: [{ var: 'lead.missing' }, 'a'] }, { lead: {} })).toBe(false);
    expect(jsonLogic.apply({ endsWith: [12, 2] }, {})).toBe(false);
    expect(jsonLogic.apply({ startsWith: [['a'], 'a'] }, {})).toBe(false);
  });
});

describe('ALLOWED_OPERATIONS', () => {
  it('allows neither method nor log', () => {
    expect(ALLOWED_OPERATIONS.has('method')).toBe(false);
    expect(ALLOWED_OPERATIONS.has('log')).toBe(false);
  });

  it('names only operations json-logic-js knows once the extra ones are registered', () => {
    registerJsonLogicOperations(jsonLogic);
    for (const op of ALLOWED_OPERATIONS) {
      expect(() => jsonLogic.apply({ [op]: [1, 1] } as never, {})).not.toThrow(/Unrecognized operation/);
    }
  });
});

describe('equalsIgnoreCase', () => {
  beforeAll(() => registerJsonLogicOperations(jsonLogic));

  it('compares two strings regardless of letter case, false for anything else', () => {
    const lead = { country: 'DE' };
    expect(jsonLogic.apply({ equalsIgnoreCase: [{ var: 'lead.country' }, 'de'] } as never, { lead })).toBe(
      true,
    );
    expect(jsonLogic.apply({ equalsIgnoreCase: [{ var: 'lead.country' }, 'at'] } as never, { lead })).toBe(
      false,
    );
    expect(jsonLogic.apply({ equalsIgnoreCase: [{ var: 'lead.missing' }, 'de'] } as never, { lead })).toBe(
      false,
    );
    expect(jsonLogic.apply({ equalsIgnoreCase: [1, 1] } as never, {})).toBe(false);
  });
});
