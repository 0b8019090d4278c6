import Markdown from 'react-markdown';

export type ExplainState =
  | { kind: 'idle' }
  | { kind: 'loading'; subject: string }
  | { kind: 'error'; subject: string; message: string }
  | { kind: 'done'; subject: string; text: string; source: string };

/**
 * What Explain said. Markdown is rendered to React elements, never as HTML, so an answer
 * (from a model, or quoting packet contents) cannot inject markup or scripts.
 */
export function ExplainPanel({ state, onClose }: { state: ExplainState; onClose: () => void }) {
  if (state.kind === 'idle') return null;
  return (
    <section className="panel explain-panel" aria-label="Explanation" aria-busy={state.kind === 'loading'}>
      <header>
        <h2>Explain {state.subject}</h2>
        <button type="button" className="link" aria-label="Close explanation" onClick={onClose}>✕</button>
      </header>
      {state.kind === 'loading' && <p className="muted" role="status">Explaining…</p>}
      {state.kind === 'error' && <p className="error" role="alert">{state.message}</p>}
      {state.kind === 'done' && (
        <>
          <div className="markdown"><Markdown skipHtml>{state.text}</Markdown></div>
          <p className="muted source">Source: {state.source === 'offline' ? 'offline explainer (Tapdeck\'s own decoding)' : state.source}</p>
        </>
      )}
    </section>
  );
}
