import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, type FilterCheck } from '../api';
import fields from '../test/fixtures/fields.json';
import type { FieldInfo, FilterError } from '../types';
import { DisplayFilterBar } from './DisplayFilterBar';

/** What GET /api/filter/check answered for "ip.src == 1.2.3.300". */
const badAddress: FilterError = {
  error: '"1.2.3.300" is not a valid hostname or IPv4 address.',
  detail: '"1.2.3.300" is not a valid hostname or IPv4 address.\n    ip.src == 1.2.3.300\n              ^~~~~~~~~',
  filter: 'ip.src == 1.2.3.300',
  position: 10,
  length: 9,
};

/** Answers as the server does for the few filters these tests type; counts the questions. */
function checker() {
  const asked: string[] = [];
  const check = async (filter: string): Promise<FilterCheck> => {
    asked.push(filter);
    if (filter === badAddress.filter) throw new ApiError(400, badAddress.error, badAddress.detail, badAddress);
    if (filter.includes('bad')) {
      throw new ApiError(400, `"${filter}" is neither a field nor a protocol name.`, '',
        { ...badAddress, error: `"${filter}" is neither a field nor a protocol name.`, filter, position: 0, length: filter.length });
    }
    return { filter, fields: [] };
  };
  return { check, asked };
}

/** The bar with its page: what it applied last. */
function Page({ check, initial = '', prepared = null }: {
  check: (filter: string) => Promise<FilterCheck>;
  initial?: string;
  prepared?: { text: string; serial: number } | null;
}) {
  const [applied, setApplied] = useState(initial);
  return (
    <>
      <DisplayFilterBar applied={applied} prepared={prepared} fields={fields as FieldInfo[]} onApply={setApplied} check={check} debounceMs={100} />
      <output aria-label="Applied">{applied}</output>
    </>
  );
}

const bar = () => screen.getByRole('combobox', { name: 'Display filter' });
const state = () => bar().parentElement!.dataset.state;
const applied = () => screen.getByRole('status', { name: 'Applied' }).textContent;

afterEach(() => localStorage.clear());

describe('DisplayFilterBar', () => {
  it('is neutral while empty, green once the server says the filter compiles, and applies it on Enter', async () => {
    const user = userEvent.setup();
    const { check, asked } = checker();
    render(<Page check={check} />);
    expect(state()).toBe('empty');
    await user.type(bar(), 'tcp.port == 80');
    await waitFor(() => expect(state()).toBe('valid'));
    // The bar waits for typing to pause before asking: the whole filter, and far fewer questions than keys.
    expect(asked.at(-1)).toBe('tcp.port == 80');
    expect(asked.length).toBeLessThan(5);
    const questions = asked.length;
    expect(applied()).toBe('');
    expect(screen.getByText('Enter to apply')).toBeInTheDocument();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(applied()).toBe('tcp.port == 80'));
    expect(screen.queryByText('Enter to apply')).toBeNull();
    expect(asked).toHaveLength(questions);
  });

  it('goes red with the server\'s message and a caret under the fault, and will not apply', async () => {
    const user = userEvent.setup();
    render(<Page check={checker().check} initial="tcp" />);
    await user.clear(bar());
    await user.type(bar(), badAddress.filter);
    await waitFor(() => expect(state()).toBe('invalid'));
    expect(bar()).toHaveAttribute('aria-invalid', 'true');
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(badAddress.error);
    expect(screen.getByLabelText('Where the filter is wrong').textContent).toBe('ip.src == 1.2.3.300\n          ^~~~~~~~~');
    await user.keyboard('{Enter}');
    expect(applied()).toBe('tcp');
    expect(screen.getByRole('button', { name: 'Apply display filter' })).toBeDisabled();
  });

  it('completes field names from the registry: arrows choose, Tab or Enter takes one', async () => {
    const user = userEvent.setup();
    render(<Page check={checker().check} />);
    await user.type(bar(), 'tcp.flags.s');
    const options = screen.getByRole('listbox', { name: 'Fields' });
    expect(bar()).toHaveAttribute('aria-expanded', 'true');
    const names = [...options.querySelectorAll('[role="option"] code')].map((code) => code.textContent);
    expect(names).toContain('tcp.flags.syn');
    expect(names.every((name) => name!.startsWith('tcp.flags.s'))).toBe(true);

    await user.keyboard('{ArrowDown}');
    expect(bar()).toHaveAttribute('aria-activedescendant', screen.getAllByRole('option')[0].id);
    expect(screen.getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true');
    const syn = names.indexOf('tcp.flags.syn');
    for (let i = 0; i < syn; i++) await user.keyboard('{ArrowDown}');
    await user.keyboard('{Enter}');
    expect(bar()).toHaveValue('tcp.flags.syn');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(applied()).toBe('');

    await user.type(bar(), ' == 1 && ud');
    await user.keyboard('{Tab}');
    expect(bar()).toHaveValue('tcp.flags.syn == 1 && udp');
    await user.keyboard('{Escape}');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(applied()).toBe('tcp.flags.syn == 1 && udp'));
  });

  it('keeps the filters applied, newest first, in a list that applies one when it is picked', async () => {
    const user = userEvent.setup();
    const { unmount } = render(<Page check={checker().check} />);
    for (const filter of ['dns', 'tcp', 'dns']) {
      await user.clear(bar());
      await user.type(bar(), `${filter}{Enter}`);
      await waitFor(() => expect(applied()).toBe(filter));
    }
    unmount();

    // Another page load: the list comes back from storage.
    render(<Page check={checker().check} />);
    await user.click(screen.getByRole('button', { name: 'Recent filters' }));
    const recent = screen.getByRole('listbox', { name: 'Recent filters' });
    expect([...recent.querySelectorAll('[role="option"]')].map((option) => option.textContent)).toEqual(['dns', 'tcp']);
    await user.click(screen.getByRole('option', { name: 'tcp' }));
    await waitFor(() => expect(applied()).toBe('tcp'));
    expect(bar()).toHaveValue('tcp');

    // From the keyboard too.
    await user.click(bar());
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    await waitFor(() => expect(applied()).toBe('dns'));
  });

  it('clears the filter with its button, and takes text prepared elsewhere without applying it', async () => {
    const user = userEvent.setup();
    const { check } = checker();
    const { rerender } = render(<Page check={check} initial="tcp" />);
    await user.click(screen.getByRole('button', { name: 'Clear display filter' }));
    await waitFor(() => expect(applied()).toBe(''));
    expect(bar()).toHaveValue('');

    await act(async () => rerender(<Page check={check} initial="tcp" prepared={{ text: 'ip.src == 10.0.0.1', serial: 1 }} />));
    expect(bar()).toHaveValue('ip.src == 10.0.0.1');
    expect(bar()).toHaveFocus();
    await waitFor(() => expect(state()).toBe('valid'));
    expect(applied()).toBe('');
  });
});
