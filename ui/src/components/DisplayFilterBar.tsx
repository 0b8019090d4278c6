import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { api, ApiError, describeError, type FilterCheck } from '../api';
import { acceptCompletion, addRecent, completeField, loadRecent, saveRecent, type Completion } from '../displayFilter';
import type { FieldInfo, FilterError } from '../types';

/** What the server said of the text in the bar. */
export type FilterState =
  | { kind: 'empty' }
  | { kind: 'checking' }
  | { kind: 'valid' }
  | { kind: 'invalid'; error: FilterError }
  /** The server could not be asked. */
  | { kind: 'unknown'; message: string };

export interface DisplayFilterBarProps {
  /** The filter the packet list shows now. */
  applied: string;
  /** Text put into the bar from elsewhere ("Prepare as Filter"), without applying it; a new serial each time. */
  prepared?: { text: string; serial: number } | null;
  /** The fields completion offers. */
  fields: readonly FieldInfo[];
  onApply: (filter: string) => void;
  /** Asks whether a filter compiles; the server's /api/filter/check unless a test gives its own. */
  check?: (filter: string, init?: RequestInit) => Promise<FilterCheck>;
  /** How long typing must pause before the filter is checked. */
  debounceMs?: number;
  /** Where the recent filters are kept. */
  storage?: Storage;
}

/**
 * Wireshark's display-filter bar: green while the text compiles, red with the server's message
 * and a caret under the fault when it does not, neutral while empty. Field names complete
 * from the registry (arrows to choose, Tab or Enter to take one), recent filters drop down,
 * and Enter applies.
 */
export function DisplayFilterBar({ applied, prepared, fields, onApply, check = api.checkFilter, debounceMs = 250, storage = localStorage }: DisplayFilterBarProps) {
  const [text, setText] = useState(applied);
  const [state, setState] = useState<FilterState>(applied.trim() ? { kind: 'valid' } : { kind: 'empty' });
  const [menu, setMenu] = useState<Menu | null>(null);
  const [recent, setRecent] = useState<string[]>(() => loadRecent(storage));
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  /** The last answer, for the text it was about: applying that text again needs no new question. */
  const answered = useRef<{ text: string; state: FilterState } | null>(null);
  /**
   * Where the caret goes once the text just set is in the input: placed as soon as React has
   * committed it, before any further key is handled, so typing on lands where it should.
   */
  const pendingCaret = useRef<number | null>(null);

  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    if (caret !== null && input.current) {
      input.current.setSelectionRange(caret, caret);
      pendingCaret.current = null;
    }
  });

  useEffect(() => {
    if (!prepared) return;
    setText(prepared.text);
    setMenu(null);
    const element = input.current;
    if (!element) return;
    element.focus();
    if (element.value === prepared.text) element.setSelectionRange(prepared.text.length, prepared.text.length);
    else pendingCaret.current = prepared.text.length;
  }, [prepared]);

  // A filter applied elsewhere (an alert, a flow, the tree's menu) shows in the bar.
  useEffect(() => setText(applied), [applied]);

  const ask = useMemo(() => async (filter: string, signal?: AbortSignal): Promise<FilterState> => {
    if (!filter.trim()) return { kind: 'empty' };
    if (answered.current?.text === filter) return answered.current.state;
    let result: FilterState;
    try {
      await check(filter, { signal });
      result = { kind: 'valid' };
    } catch (problem) {
      if (signal?.aborted) throw problem;
      result = problem instanceof ApiError && problem.filter
        ? { kind: 'invalid', error: problem.filter } : { kind: 'unknown', message: describeError(problem) };
    }
    if (result.kind !== 'unknown') answered.current = { text: filter, state: result };
    return result;
  }, [check]);

  useEffect(() => {
    if (!text.trim()) {
      setState({ kind: 'empty' });
      return;
    }
    if (answered.current?.text === text) {
      setState(answered.current.state);
      return;
    }
    setState({ kind: 'checking' });
    const abort = new AbortController();
    const timer = setTimeout(() => {
      ask(text, abort.signal).then(setState, () => undefined);
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [text, ask, debounceMs]);

  const apply = async (filter: string) => {
    setMenu(null);
    const result = await ask(filter);
    setState(result);
    if (result.kind === 'invalid') return;
    const trimmed = filter.trim();
    if (trimmed) {
      const next = addRecent(recent, trimmed);
      setRecent(next);
      saveRecent(storage, next);
    }
    onApply(trimmed);
  };

  const edit = (value: string, caret: number) => {
    setText(value);
    const completion = completeField(fields, value, caret);
    setMenu(completion ? { kind: 'fields', completion, index: -1 } : null);
  };

  /** Takes the menu's choice: a field name completes the word, a recent filter is applied. */
  const choose = (open: Menu, index: number) => {
    setMenu(null);
    if (open.kind === 'recent') {
      setText(recent[index]);
      void apply(recent[index]);
      return;
    }
    const next = acceptCompletion(text, open.completion, open.completion.fields[index].name);
    setText(next.text);
    pendingCaret.current = next.caret;
  };

  const choices = menu ? (menu.kind === 'fields' ? menu.completion.fields.length : recent.length) : 0;
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        if (menu) setMenu({ ...menu, index: menu.index + 1 >= choices ? 0 : menu.index + 1 });
        else if (recent.length) setMenu({ kind: 'recent', index: 0 });
        else return;
        break;
      case 'ArrowUp':
        if (!menu) return;
        setMenu({ ...menu, index: menu.index <= 0 ? choices - 1 : menu.index - 1 });
        break;
      case 'Tab':
        if (!menu) return;
        choose(menu, Math.max(0, menu.index));
        break;
      case 'Enter':
        if (menu && menu.index >= 0) choose(menu, menu.index);
        else void apply(text);
        break;
      case 'Escape':
        if (!menu) return;
        setMenu(null);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const optionId = (index: number) => `${listId}-${index}`;
  const error = state.kind === 'invalid' ? state.error : null;

  return (
    <div className="display-filter">
      <div className={`filter-bar ${state.kind}`} data-state={state.kind}>
        <input
          ref={input}
          role="combobox"
          aria-label="Display filter"
          aria-autocomplete="list"
          aria-expanded={menu !== null}
          aria-controls={listId}
          aria-activedescendant={menu && menu.index >= 0 ? optionId(menu.index) : undefined}
          aria-invalid={state.kind === 'invalid'}
          aria-describedby={error ? `${listId}-error` : undefined}
          placeholder="Apply a display filter … (tcp.port == 443, dns, ip.addr == 10.0.0.0/8)"
          spellCheck={false}
          autoComplete="off"
          value={text}
          onChange={(event) => edit(event.target.value, event.target.selectionStart ?? event.target.value.length)}
          onKeyDown={onKeyDown}
          onBlur={() => setMenu(null)}
        />
        {text.trim() !== applied && <span className="muted pending" title="The list still shows the filter applied before">Enter to apply</span>}
        <button type="button" className="link" aria-label="Recent filters" aria-expanded={menu?.kind === 'recent'} disabled={!recent.length}
                onClick={() => setMenu(menu?.kind === 'recent' ? null : { kind: 'recent', index: -1 })}>▾</button>
        <button type="button" aria-label="Apply display filter" onClick={() => void apply(text)} disabled={state.kind === 'invalid'}>Apply</button>
        <button type="button" className="link" aria-label="Clear display filter" disabled={!text && !applied}
                onClick={() => {
                  setText('');
                  void apply('');
                }}>✕</button>
      </div>
      {menu && (
        <ul id={listId} role="listbox" aria-label={menu.kind === 'fields' ? 'Fields' : 'Recent filters'} className="filter-menu">
          {(menu.kind === 'fields' ? menu.completion.fields.map((field) => ({ key: field.name, label: field.label })) : recent.map((filter) => ({ key: filter, label: '' })))
            .map((option, index) => (
              <li key={option.key} id={optionId(index)} role="option" aria-selected={index === menu.index}
                  // mousedown, not click: the input would lose its focus, and the menu, first.
                  onMouseDown={(event) => {
                    event.preventDefault();
                    choose(menu, index);
                  }}>
                <code>{option.key}</code>{option.label && <span className="muted"> {option.label}</span>}
              </li>
            ))}
        </ul>
      )}
      {error && <FilterErrorLine id={`${listId}-error`} error={error} />}
      {state.kind === 'unknown' && <div className="filter-error" role="alert">{state.message}</div>}
    </div>
  );
}

/** What drops down under the bar: field names for the word typed, or the recent filters; index -1 for no choice yet. */
type Menu = { kind: 'fields'; completion: Completion; index: number } | { kind: 'recent'; index: number };

/** The server's message, and the filter with a caret under the part at fault, as tshark prints it. */
function FilterErrorLine({ id, error }: { id: string; error: FilterError }) {
  return (
    <div id={id} className="filter-error" role="alert">
      <span>{error.error}</span>
      {error.position >= 0 && (
        <pre className="caret" aria-label="Where the filter is wrong">
          {error.filter}{'\n'}{' '.repeat(error.position)}^{'~'.repeat(Math.max(0, error.length - 1))}
        </pre>
      )}
    </div>
  );
}
