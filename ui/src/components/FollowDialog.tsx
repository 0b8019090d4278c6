import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, describeError, streamPayloadUrl } from '../api';
import { formatCount } from '../format';
import {
  chunksOf, chunkText, findAll, onlyStreamFilter, turns, withoutStreamFilter, type Chunk, type FollowMode, type FollowSides,
} from '../followView';
import type { StreamInfo, StreamSegment, StreamTarget } from '../types';

const PAGE = 10_000;
/** Bytes drawn at most: a browser lays out a megabyte of text in a moment, not a gigabyte. */
export const MAX_SHOWN_BYTES = 1 << 20;

/** What the dialog shows of a stream: its description, every segment, and each side's bytes. */
export interface FollowedStream {
  info: StreamInfo;
  segments: StreamSegment[];
  client: Uint8Array;
  server: Uint8Array;
}

/** Every segment of the stream, page by page, then both sides' bytes (fetched after, so they cover the segments). */
export async function loadFollowed(target: StreamTarget, load = api.stream, loadPayload = api.streamPayload): Promise<FollowedStream> {
  let info = await load(target, 0, PAGE);
  const segments = [...info.segments];
  while (info.to < info.segmentCount && info.segments.length > 0) {
    info = await load(target, info.to, PAGE);
    segments.push(...info.segments);
  }
  if (info.emptied) return { info, segments: [], client: new Uint8Array(), server: new Uint8Array() };
  const [client, server] = await Promise.all([loadPayload(target, 'client'), loadPayload(target, 'server')]);
  return { info, segments, client, server };
}

export interface FollowDialogProps {
  target: StreamTarget;
  /** Changes whenever the server says the stream has grown: the dialog fetches it again. */
  notice: number;
  onClose: () => void;
  /** "Show only this stream" and "Filter out this stream": the display filter to apply. */
  onApplyFilter: (filter: string) => void;
  /** Another stream of the same protocol picked by its index, as Wireshark's Stream box picks it. */
  onTarget?: (target: StreamTarget) => void;
  load?: (target: StreamTarget) => Promise<FollowedStream>;
}

/**
 * Wireshark's Follow Stream dialog: the conversation as it was delivered, the client's bytes
 * red and the server's blue, as ASCII, a hex dump or raw hex, with gaps shown as the bytes
 * missing; one side or both, a search box, the bytes to download, and the display filters
 * that keep or drop the stream. It follows a live stream as it grows.
 */
export function FollowDialog({ target, notice, onClose, onApplyFilter, onTarget, load = loadFollowed }: FollowDialogProps) {
  const [followed, setFollowed] = useState<FollowedStream | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<FollowMode>('ascii');
  const [sides, setSides] = useState<FollowSides>('both');
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const loading = useRef(false);
  const again = useRef(false);
  const area = useRef<HTMLDivElement>(null);
  const dialog = useRef<HTMLDivElement>(null);

  // One fetch at a time: a notice (or another stream) that comes during one is fetched once it is done.
  const targetRef = useRef(target);
  targetRef.current = target;
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    const fetchNow = async () => {
      if (loading.current) {
        again.current = true;
        return;
      }
      loading.current = true;
      try {
        do {
          again.current = false;
          const asked = targetRef.current;
          const next = await load(asked);
          if (!mounted.current) return;
          if (asked === targetRef.current) {
            setFollowed(next);
            setError(null);
          }
        } while (again.current && mounted.current);
      } catch (problem) {
        if (mounted.current) {
          setFollowed(null);
          setError(describeError(problem));
        }
      } finally {
        loading.current = false;
      }
    };
    void fetchNow();
  }, [target, notice, load]);

  useEffect(() => {
    setFollowed(null);
  }, [target]);
  useEffect(() => {
    dialog.current?.focus();
  }, []);

  const chunks = useMemo(
    () => (followed ? chunksOf(followed.segments, followed.client, followed.server, sides) : []),
    [followed, sides],
  );
  const { shown, cut } = useMemo(() => {
    const kept: Chunk[] = [];
    let bytes = 0;
    for (const chunk of chunks) {
      if (chunk.kind === 'data' && bytes + chunk.bytes.length > MAX_SHOWN_BYTES) {
        return { shown: kept, cut: true };
      }
      if (chunk.kind === 'data') bytes += chunk.bytes.length;
      kept.push(chunk);
    }
    return { shown: kept, cut: false };
  }, [chunks]);
  const texts = useMemo(() => shown.map((chunk) => chunkText(chunk, mode)), [shown, mode]);
  const matches = useMemo(() => texts.map((text) => findAll(text, query)), [texts, query]);
  const matchCount = matches.reduce((sum, found) => sum + found.length, 0);

  useEffect(() => {
    setCurrent(0);
  }, [query]);
  useEffect(() => {
    area.current?.querySelector('mark.current')?.scrollIntoView?.({ block: 'nearest' });
  }, [current, query, matchCount]);

  const proto = target.proto.toUpperCase();
  const info = followed?.info;
  const title = `Follow ${proto} Stream (${onlyStreamFilter(target.proto, target.stream)})`;
  let markIndex = 0;

  return (
    <div className="follow-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div ref={dialog} className="follow-dialog" role="dialog" aria-modal="true" aria-label={title} tabIndex={-1}
           onKeyDown={(event) => {
             if (event.key === 'Escape') {
               event.preventDefault();
               onClose();
             }
           }}>
        <div className="follow-title">
          <strong>{title}</strong>
          {onTarget && (
            <label className="follow-stream-index">
              Stream
              <input type="number" min={0} value={target.stream} aria-label="Stream index"
                     onChange={(event) => {
                       const stream = Number(event.target.value);
                       if (event.target.value !== '' && Number.isInteger(stream) && stream >= 0) onTarget({ proto: target.proto, stream });
                     }} />
            </label>
          )}
          <button type="button" className="link" aria-label="Close" onClick={onClose}>✕</button>
        </div>
        {error && <div className="error" role="alert">{error}</div>}
        {info && (
          <p className="muted follow-ends" data-testid="follow-ends">
            <span className="follow-client">{info.client.address}:{info.client.port}</span>
            {' → '}
            <span className="follow-server">{info.server.address}:{info.server.port}</span>
            {info.client.end !== null && info.server.end !== null ? ' · ended' : ''}
          </p>
        )}
        <div ref={area} className={`follow-text follow-${mode}`} role="document" aria-label="Stream content" tabIndex={0}>
          {!followed && !error && <p className="muted">Loading the stream…</p>}
          {info?.emptied && <p className="warn">This stream&apos;s bytes were dropped to make room for newer streams (--streams-megabytes sets the room).</p>}
          {followed && !info?.emptied && shown.length === 0 && <p className="muted">No payload in this stream yet.</p>}
          {shown.map((chunk, index) => {
            const parts: ReactNode[] = [];
            const text = texts[index];
            let at = 0;
            for (const start of matches[index]) {
              parts.push(text.slice(at, start));
              const isCurrent = markIndex++ === current;
              parts.push(<mark key={start} className={isCurrent ? 'current' : undefined}>{text.slice(start, start + query.length)}</mark>);
              at = start + query.length;
            }
            parts.push(text.slice(at));
            return (
              <div key={index} className={`follow-chunk follow-${chunk.direction}${chunk.kind === 'gap' ? ' follow-gap' : ''}`}
                   data-direction={chunk.direction} data-kind={chunk.kind} title={`frame ${chunk.frame}`}>
                {parts}
              </div>
            );
          })}
          {cut && <p className="warn">Only the first {formatCount(MAX_SHOWN_BYTES)} bytes are shown; download the stream for the rest.</p>}
          {info?.truncated && <p className="warn">The server kept only the start of this stream: it outgrew the room left (--streams-megabytes).</p>}
        </div>
        {info && (
          <p className="muted" data-testid="follow-counts">
            {formatCount(info.client.packets)} client pkts, {formatCount(info.server.packets)} server pkts, {formatCount(turns(chunks))} turns.
            {' '}{formatCount(info.client.payload)} bytes client → server, {formatCount(info.server.payload)} bytes server → client
            {info.client.missing + info.server.missing > 0 && `, ${formatCount(info.client.missing + info.server.missing)} bytes missing`}.
          </p>
        )}
        <div className="follow-controls">
          <label>
            Show
            <select value={sides} onChange={(event) => setSides(event.target.value as FollowSides)} aria-label="Sides shown">
              <option value="both">Entire conversation</option>
              <option value="client">{info ? `${info.client.address}:${info.client.port} → ${info.server.address}:${info.server.port}` : 'client → server'}</option>
              <option value="server">{info ? `${info.server.address}:${info.server.port} → ${info.client.address}:${info.client.port}` : 'server → client'}</option>
            </select>
          </label>
          <span role="radiogroup" aria-label="Show data as" className="follow-modes">
            {(['ascii', 'hex', 'raw'] as const).map((choice) => (
              <label key={choice}>
                <input type="radio" name="follow-mode" checked={mode === choice} onChange={() => setMode(choice)} />
                {choice === 'ascii' ? 'ASCII' : choice === 'hex' ? 'Hex Dump' : 'Raw'}
              </label>
            ))}
          </span>
          <label>
            Find
            <input type="search" value={query} aria-label="Find in stream" placeholder="text"
                   onChange={(event) => setQuery(event.target.value)}
                   onKeyDown={(event) => {
                     if (event.key === 'Enter' && matchCount > 0) {
                       event.preventDefault();
                       setCurrent((at) => (at + (event.shiftKey ? matchCount - 1 : 1)) % matchCount);
                     }
                   }} />
          </label>
          {query && <span className="muted" data-testid="follow-matches">{matchCount === 1 ? '1 match' : `${formatCount(matchCount)} matches`}</span>}
        </div>
        <div className="follow-controls">
          <button type="button" onClick={() => onApplyFilter(onlyStreamFilter(target.proto, target.stream))}>Show only this stream</button>
          <button type="button" onClick={() => onApplyFilter(withoutStreamFilter(target.proto, target.stream))}>Filter out this stream</button>
          <a className="button" href={streamPayloadUrl(target, sides === 'both' ? undefined : sides)} download>Save as raw bytes</a>
          <button type="button" onClick={onClose}>Close</button>
        </div>
      </div>
    </div>
  );
}
