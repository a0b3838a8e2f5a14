import { render, screen } from '@testing-library/react';
import { AttributesInput, rowsOf } from './attributes-input';

describe(AttributesInput.name, () => {
  it("shows the server's problem beside an attribute whose long name the server's path shows in part", () => {
    const key = `region_${'x'.repeat(90)}`;
    // The server's path for this attribute: the name cut to 63 characters and an ellipsis.
    const path = `attributes.${key.slice(0, 63)}…`;
    render(
      <AttributesInput
        rows={rowsOf({ [key]: 'north' })}
        onChange={() => {}}
        problems={[{ path, message: 'must be at most 200 characters' }]}
      />,
    );
    expect(screen.getByText('must be at most 200 characters')).toBeInTheDocument();
  });
});
