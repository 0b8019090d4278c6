import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ExplainPanel, type ExplainState } from './ExplainPanel';

const ANSWER = [
  '## Frame 4: an HTTP request',
  '',
  'The client asks `www.ethereal.com` for a page:',
  '',
  '- method `GET`, path `/download.html`',
  '- sent over TCP from port 3372 to port 80',
  '',
  '```',
  'http.request.method == "GET"',
  '```',
].join('\n');

const panel = (state: ExplainState, onClose = () => {}) => render(<ExplainPanel state={state} onClose={onClose} />);
const region = () => screen.getByRole('region', { name: 'Explanation' });

describe('ExplainPanel', () => {
  it('shows nothing when idle', () => {
    const { container } = panel({ kind: 'idle' });
    expect(container).toBeEmptyDOMElement();
  });

  it('says it is working while the answer is on its way', () => {
    panel({ kind: 'loading', subject: 'frame 4' });
    expect(region()).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('heading', { name: 'Explain frame 4' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Explaining…');
  });

  it('shows why the explanation failed', () => {
    panel({ kind: 'error', subject: 'alert syn-flood', message: 'not found: no such alert' });
    expect(region()).toHaveAttribute('aria-busy', 'false');
    expect(screen.getByRole('alert')).toHaveTextContent('not found: no such alert');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('renders the answer as markdown, with where it came from', () => {
    panel({ kind: 'done', subject: 'frame 4', text: ANSWER, source: 'offline' });
    expect(screen.getByRole('heading', { level: 2, name: 'Frame 4: an HTTP request' })).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'method GET, path /download.html',
      'sent over TCP from port 3372 to port 80',
    ]);
    const code = [...region().querySelectorAll('code')].map((element) => element.textContent);
    expect(code).toEqual(['www.ethereal.com', 'GET', '/download.html', 'http.request.method == "GET"\n']);
    expect(region().querySelector('pre > code')).toHaveTextContent('http.request.method == "GET"');
    expect(screen.getByText(/^Source:/)).toHaveTextContent("Source: offline explainer (Tapdeck's own decoding)");
  });

  it('names a source other than the offline explainer as it is', () => {
    panel({ kind: 'done', subject: 'frame 4', text: 'fine', source: 'ollama llama3.2' });
    expect(screen.getByText(/^Source:/)).toHaveTextContent('Source: ollama llama3.2');
  });

  it('creates no element from HTML in the answer, nor a script link', () => {
    const hostile = [
      'Payload seen: <img src=x onerror=alert(1)>',
      '',
      '<script>window.pwned = true</script>',
      '',
      '<iframe src="javascript:alert(2)"></iframe>',
      '',
      '[details](javascript:alert(3))',
      '',
      'the end',
    ].join('\n');
    panel({ kind: 'done', subject: 'frame 9', text: hostile, source: 'offline' });
    const answer = region().querySelector('.markdown')!;
    expect(answer.querySelectorAll('img, script, iframe, [onerror]')).toHaveLength(0);
    expect(answer).toHaveTextContent('Payload seen:');
    expect(answer).toHaveTextContent('the end');
    expect((window as { pwned?: boolean }).pwned).toBeUndefined();
    const link = within(answer as HTMLElement).getByText('details').closest('a');
    expect(link?.getAttribute('href') ?? '').not.toMatch(/^javascript:/i);
  });

  it('closes', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    panel({ kind: 'done', subject: 'frame 4', text: ANSWER, source: 'offline' }, onClose);
    await user.click(screen.getByRole('button', { name: 'Close explanation' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
