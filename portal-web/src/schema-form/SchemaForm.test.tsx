import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { jwtSchema, rateLimitSchema } from '../test/schemas';
import { SchemaForm } from './SchemaForm';

describe('SchemaForm', () => {
  it('renders one labelled control per property, with the description as help text', () => {
    render(<SchemaForm schema={rateLimitSchema} onSubmit={() => {}} />);
    const limit = screen.getByLabelText(/^Limit/);
    expect(limit).toHaveAttribute('type', 'number');
    expect(limit).toHaveAttribute('min', '1');
    expect(limit).toHaveAccessibleDescription(expect.stringContaining('Requests admitted per period.'));
    expect(screen.getByLabelText(/^Header name/)).toHaveAttribute('type', 'text');
    expect(screen.getByLabelText(/^Redis timeout millis/)).toHaveAttribute('max', '5000');
    // the `type` discriminator is fixed, not an input the user sees
    expect(screen.queryByLabelText(/^Type/)).not.toBeInTheDocument();
  });

  it('marks exactly the required properties', () => {
    render(<SchemaForm schema={rateLimitSchema} onSubmit={() => {}} />);
    expect(screen.getByLabelText(/^Limit/)).toHaveAttribute('aria-required', 'true');
    expect(screen.getByLabelText(/^Period seconds/)).toHaveAttribute('aria-required', 'true');
    expect(screen.getByLabelText(/^Burst/)).not.toHaveAttribute('aria-required');
    expect(screen.getByText('Limit').closest('label')).toHaveTextContent('Limit *');
    expect(screen.getByText('Burst').closest('label')).not.toHaveTextContent('*');
  });

  it('renders enums as selects whose first choice keeps the server default', () => {
    render(<SchemaForm schema={rateLimitSchema} onSubmit={() => {}} />);
    const keyBy = screen.getByLabelText(/^Key by/);
    expect(keyBy.tagName).toBe('SELECT');
    const options = within(keyBy).getAllByRole('option').map((option) => option.textContent);
    expect(options).toEqual(['Default', 'application', 'api-key', 'ip', 'header']);
    expect(within(screen.getByLabelText(/^Send headers/)).getAllByRole('option').map((o) => o.textContent)).toEqual(['Default', 'Yes', 'No']);
  });

  it('shows each server error next to the field its path names, and only for this policy', () => {
    render(
      <SchemaForm
        schema={rateLimitSchema}
        pathPrefix="policies[1]"
        onSubmit={() => {}}
        serverErrors={[
          { path: 'policies[1].limit', message: 'must be at most 1000000000' },
          { path: 'policies[1].headerName', message: 'is required when keyBy is header' },
          { path: 'policies[0].limit', message: 'belongs to another policy' },
        ]}
      />,
    );
    const limit = screen.getByLabelText(/^Limit/);
    expect(limit).toHaveAttribute('aria-invalid', 'true');
    expect(limit).toHaveAccessibleDescription(expect.stringContaining('must be at most 1000000000'));
    expect(screen.getByLabelText(/^Header name/)).toHaveAccessibleDescription(expect.stringContaining('is required when keyBy is header'));
    expect(screen.queryByText('belongs to another policy')).not.toBeInTheDocument();
    expect(screen.getByLabelText(/^Burst/)).not.toHaveAttribute('aria-invalid');
  });

  it('submits typed values and leaves empty fields to the server defaults', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<SchemaForm schema={rateLimitSchema} onSubmit={onSubmit} />);
    await user.type(screen.getByLabelText(/^Limit/), '100');
    await user.type(screen.getByLabelText(/^Period seconds/), '60');
    await user.selectOptions(screen.getByLabelText(/^Key by/), 'ip');
    await user.selectOptions(screen.getByLabelText(/^Send headers/), 'No');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledWith({ type: 'rate-limit', limit: 100, periodSeconds: 60, keyBy: 'ip', sendHeaders: false });
  });

  it('refuses to submit without required values or outside the range', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<SchemaForm schema={rateLimitSchema} onSubmit={onSubmit} />);
    await user.type(screen.getByLabelText(/^Limit/), '0');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/^Limit/)).toHaveAccessibleDescription(expect.stringContaining('Must be at least 1'));
    expect(screen.getByLabelText(/^Period seconds/)).toHaveAccessibleDescription(expect.stringContaining('Required'));
  });

  it('renders arrays of enums as a group of checkboxes and string arrays as one-per-line text', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<SchemaForm schema={jwtSchema} onSubmit={onSubmit} />);
    const group = screen.getByRole('group', { name: /Algorithms/ });
    expect(within(group).getAllByRole('checkbox')).toHaveLength(10);
    await user.type(screen.getByLabelText(/^Issuer/), 'https://id.example.com');
    await user.type(screen.getByLabelText(/^Jwks url/), 'https://id.example.com/jwks');
    await user.type(screen.getByLabelText(/^Audiences/), 'orders{Enter}billing');
    await user.click(within(group).getByLabelText('ES256'));
    await user.click(within(group).getByLabelText('EdDSA'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledWith({
      type: 'jwt',
      issuer: 'https://id.example.com',
      jwksUrl: 'https://id.example.com/jwks',
      audiences: ['orders', 'billing'],
      algorithms: ['ES256', 'EdDSA'],
    });
  });

  it('shows stored values when editing', () => {
    render(<SchemaForm schema={rateLimitSchema} value={{ type: 'rate-limit', limit: 5, periodSeconds: 1, mode: 'local', sendHeaders: true }} onSubmit={() => {}} />);
    expect(screen.getByLabelText(/^Limit/)).toHaveValue(5);
    expect(screen.getByLabelText(/^Mode/)).toHaveValue('local');
    expect(screen.getByLabelText(/^Send headers/)).toHaveValue('true');
  });
});
