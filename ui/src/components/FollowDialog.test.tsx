import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import type { StreamInfo, StreamSegment, StreamTarget } from '../types';
import { FollowDialog, loadFollowed, type FollowedStream } from './FollowDialog';

const bytes = (text: string) => new TextEncoder().encode(text);
const request = 'GET /download.html HTTP/1.1\r\nHost: www.ethereal.com\r\n\r\n';
const response = 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>';
const segments: StreamSegment[] = [
  { n: 1, direction: 'client', kind: 'data', offset: 0, length: request.length, frame: 4, time: 1084443427.311224 },
  { n: 2, direction: 'server', kind: 'data', offset: 0, length: 17, frame: 6, time: 1084443427.9 },
  { n: 3, direction: 'server', kind: 'gap', offset: 17, length: 1380, frame: 8, time: 1084443428 },
  { n: 4, direction: 'server', kind: 'data', offset: 1397, length: response.length - 17, frame: 9, time: 1084443428.1 },
];
const side = (address: string, port: number, payload: number, packets: number) =>
  ({ address, port, packets, bytes: payload + 54 * packets, payload, missing: 0, kept: payload, end: null });
const info: StreamInfo = {
  proto: 'tcp', stream: 0, client: side('145.254.160.237', 3372, request.length, 3),
  server: { ...side('65.208.228.223', 80, response.length, 4), missing: 1380 },
  firstFrame: 1, lastFrame: 9, firstTime: 1084443427.311224, lastTime: 1084443428.1, emptied: false, truncated: false,
  segmentCount: 4, from: 1, to: 4, segments,
};
const followed: FollowedStream = { info, segments, client: bytes(request), server: bytes(response) };
const target: StreamTarget = { proto: 'tcp', stream: 0 };

describe('FollowDialog', () => {
  it('shows the client red and the server blue, a gap as the bytes missing, and the counts', async () => {
    render(<FollowDialog target={target} notice={0} onClose={() => {}} onApplyFilter={() => {}} load={async () => followed} />);
    expect(screen.getByRole('dialog', { name: 'Follow TCP Stream (tcp.stream eq 0)' })).toBeInTheDocument();
    const chunks = await waitFor(() => {
      const found = [...document.querySelectorAll<HTMLElement>('.follow-chunk')];
      expect(found).toHaveLength(4);
      return found;
    });
    expect(chunks.map((chunk) => [chunk.dataset.direction, chunk.dataset.kind]))
      .toEqual([['client', 'data'], ['server', 'data'], ['server', 'gap'], ['server', 'data']]);
    expect(chunks[0]).toHaveClass('follow-client');
    expect(chunks[0].textContent).toBe('GET /download.html HTTP/1.1\nHost: www.ethereal.com\n\n');
    expect(chunks[1]).toHaveClass('follow-server');
    expect(chunks[2]).toHaveTextContent('[1380 bytes missing in capture file]');
    expect(chunks[3].textContent).toBe('Content-Type: text/html\n\n<html>');
    expect(screen.getByTestId('follow-counts')).toHaveTextContent('3 client pkts, 4 server pkts, 1 turns.');
    expect(screen.getByTestId('follow-ends')).toHaveTextContent('145.254.160.237:3372 → 65.208.228.223:80');
    expect(screen.getByRole('link', { name: 'Save as raw bytes' })).toHaveAttribute('href', '/api/streams/0/payload?proto=tcp');
  });

  it('switches to a hex dump or raw hex, one side alone, and finds text', async () => {
    const user = userEvent.setup();
    render(<FollowDialog target={target} notice={0} onClose={() => {}} onApplyFilter={() => {}} load={async () => followed} />);
    await screen.findByText(/GET \/download.html/);
    await user.click(screen.getByRole('radio', { name: 'Hex Dump' }));
    expect(document.querySelector('.follow-chunk')!.textContent).toMatch(/^00000000 {2}47 45 54 20 2f 64 6f 77 {2}6e 6c 6f 61 64 2e 68 74 {2}GET \/download.ht\n/);
    await user.click(screen.getByRole('radio', { name: 'Raw' }));
    expect(document.querySelector('.follow-chunk')!.textContent).toMatch(/^474554202f/);
    await user.click(screen.getByRole('radio', { name: 'ASCII' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sides shown' }), 'server');
    expect([...document.querySelectorAll<HTMLElement>('.follow-chunk')].every((chunk) => chunk.dataset.direction === 'server')).toBe(true);
    expect(screen.getByRole('link', { name: 'Save as raw bytes' })).toHaveAttribute('href', '/api/streams/0/payload?proto=tcp&direction=server');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sides shown' }), 'both');
    await user.type(screen.getByRole('searchbox', { name: 'Find in stream' }), 'HTML');
    expect(screen.getByTestId('follow-matches')).toHaveTextContent('3 matches');
    expect([...document.querySelectorAll('mark')].map((mark) => mark.closest<HTMLElement>('.follow-chunk')!.dataset.direction))
      .toEqual(['client', 'server', 'server']);
    expect(document.querySelectorAll('mark')[0]).toHaveClass('current');
    await user.keyboard('{Enter}');
    expect(document.querySelectorAll('mark')[1]).toHaveClass('current');
  });

  it('sets the display filters of the stream, closes on Escape, and fetches again on each notice', async () => {
    const user = userEvent.setup();
    const onApplyFilter = vi.fn();
    const onClose = vi.fn();
    const load = vi.fn(async () => followed);
    const { rerender } = render(<FollowDialog target={target} notice={0} onClose={onClose} onApplyFilter={onApplyFilter} load={load} />);
    await screen.findByText(/GET \/download.html/);
    await user.click(screen.getByRole('button', { name: 'Show only this stream' }));
    await user.click(screen.getByRole('button', { name: 'Filter out this stream' }));
    expect(onApplyFilter.mock.calls).toEqual([['tcp.stream eq 0'], ['!(tcp.stream eq 0)']]);
    rerender(<FollowDialog target={target} notice={1} onClose={onClose} onApplyFilter={onApplyFilter} load={load} />);
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
    screen.getByRole('dialog').focus();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('picks another stream by its index and shows that one', async () => {
    const onTarget = vi.fn();
    const other = { ...followed, info: { ...info, stream: 1 }, client: bytes('GET /pagead/ads HTTP/1.1\r\n\r\n'),
      segments: [{ ...segments[0], length: 26 }] };
    const load = vi.fn(async (asked: StreamTarget) => (asked.stream === 0 ? followed : other));
    const { rerender } = render(<FollowDialog target={target} notice={0} onClose={() => {}} onApplyFilter={() => {}} onTarget={onTarget} load={load} />);
    await screen.findByText(/GET \/download.html/);
    const index = screen.getByRole('spinbutton', { name: 'Stream index' });
    fireEvent.change(index, { target: { value: '1' } });
    expect(onTarget).toHaveBeenCalledExactlyOnceWith({ proto: 'tcp', stream: 1 });
    rerender(<FollowDialog target={{ proto: 'tcp', stream: 1 }} notice={0} onClose={() => {}} onApplyFilter={() => {}} onTarget={onTarget} load={load} />);
    expect(await screen.findByText(/GET \/pagead\/ads/)).toBeInTheDocument();
    expect(screen.queryByText(/GET \/download.html/)).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Follow TCP Stream (tcp.stream eq 1)' })).toBeInTheDocument();
  });

  it('says why a stream cannot be shown', async () => {
    const gone = async () => {
      throw new ApiError(404, 'no such stream', 'tcp.stream 9 is not among the streams of the current capture or replay');
    };
    render(<FollowDialog target={{ proto: 'tcp', stream: 9 }} notice={0} onClose={() => {}} onApplyFilter={() => {}} load={gone} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('no such stream: tcp.stream 9 is not among the streams');
    const emptied = { ...followed, info: { ...info, emptied: true }, segments: [], client: new Uint8Array(), server: new Uint8Array() };
    render(<FollowDialog target={target} notice={0} onClose={() => {}} onApplyFilter={() => {}} load={async () => emptied} />);
    expect(await screen.findByText(/bytes were dropped to make room/)).toBeInTheDocument();
  });

  it('loads every page of segments, then both sides\' bytes', async () => {
    const pages = [{ ...info, from: 1, to: 2, segments: segments.slice(0, 2) }, { ...info, from: 3, to: 4, segments: segments.slice(2) }];
    const load = vi.fn(async (_: StreamTarget, after: number) => pages[after === 0 ? 0 : 1]);
    const loadPayload = vi.fn(async (_: StreamTarget, direction: 'client' | 'server') => bytes(direction === 'client' ? request : response));
    const loaded = await loadFollowed(target, load, loadPayload);
    expect(load.mock.calls.map((call) => call[1])).toEqual([0, 2]);
    expect(loaded.segments).toEqual(segments);
    expect(new TextDecoder().decode(loaded.server)).toBe(response);
  });
});
