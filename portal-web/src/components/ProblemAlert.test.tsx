import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { ProblemAlert } from './ProblemAlert';

describe('ProblemAlert', () => {
  it('renders title, detail, each field error with its path, key and request id', () => {
    const error = new ApiError({
      status: 400,
      title: 'Invalid request',
      detail: '2 fields are invalid.',
      key: 'VALIDATION_FAILED',
      requestId: 'req-42',
      errors: [
        { path: 'policies[0].limit', message: 'must be at least 1' },
        { path: 'upstreamUrls[1]', message: 'must use https' },
      ],
    });
    render(<ProblemAlert error={error} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Invalid request');
    expect(alert).toHaveTextContent('2 fields are invalid.');
    const items = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(items).toEqual(['policies[0].limit must be at least 1', 'upstreamUrls[1] must use https']);
    expect(alert).toHaveTextContent('Error VALIDATION_FAILED. Request id req-42.');
  });

  it('renders server text as text, never as markup', () => {
    const error = new ApiError({ status: 400, title: '<b>bold</b>', detail: '<img src=x onerror="alert(1)">', errors: [{ path: '<script>', message: '<a href="javascript:alert(1)">x</a>' }] });
    const { container } = render(<ProblemAlert error={error} />);
    expect(container.querySelector('img, script, a, b')).toBeNull();
    expect(screen.getByRole('alert')).toHaveTextContent('<img src=x onerror="alert(1)">');
  });

  it('renders nothing without an error', () => {
    const { container } = render(<ProblemAlert error={null} />);
    expect(container).toBeEmptyDOMElement();
  });
});
