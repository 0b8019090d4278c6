import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { mergeAlerts } from './alerts';
import { api, describeError } from './api';
import { newestOnly } from './newestOnly';
import { programFilter } from './processes';
import { AlertsPanel, AlertToast } from './components/AlertsPanel';
import { CaptureControls } from './components/CaptureControls';
import { DetailPane } from './components/DetailPane';
import { DisplayFilterBar } from './components/DisplayFilterBar';
import { ExplainPanel, type ExplainState } from './components/ExplainPanel';
import { FollowDialog } from './components/FollowDialog';
import { FlowsView } from './components/FlowsView';
import { PacketList } from './components/PacketList';
import { ProcessesView } from './components/ProcessesView';
import { ProtocolsView } from './components/ProtocolsView';
import { ReplayPanel } from './components/ReplayPanel';
import { Sparkline } from './components/Sparkline';
import { StatusLine } from './components/StatusLine';
import { panelId, tabId, ViewTabs, type View } from './components/ViewTabs';
import { DEFAULT_ROW_LIMIT, PacketStore } from './packetStore';
import { alertFilter, flowFilter } from './displayFilter';
import { streamOf } from './followView';
import { StreamConnection, type ConnectionState } from './stream';
import type { Alert, CaptureFile, FieldInfo, Flow, CaptureInterface, CaptureSettings, PreflightCheck, Status, StreamTarget } from './types';

const SPARKLINE_SECONDS = 60;
const MAX_ALERTS = 500;

/** Rows the browser holds: `?rows=N` in the address, else the default. */
function rowLimit(): number {
  const asked = Number(new URLSearchParams(location.search).get('rows'));
  return Number.isInteger(asked) && asked >= 100 ? asked : DEFAULT_ROW_LIMIT;
}

export function App() {
  const store = useMemo(() => new PacketStore(api.packets, rowLimit()), []);
  const [connection, setConnection] = useState<ConnectionState>({ kind: 'connecting', attempt: 0 });
  const [status, setStatus] = useState<Status | null>(null);
  const [checks, setChecks] = useState<PreflightCheck[]>([]);
  const [interfaces, setInterfaces] = useState<CaptureInterface[]>([]);
  const [settings, setSettings] = useState<CaptureSettings | null>(null);
  const [files, setFiles] = useState<CaptureFile[]>([]);
  const [rates, setRates] = useState<number[]>([]);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [alertsError, setAlertsError] = useState<string | null>(null);
  const [toast, setToast] = useState<Alert | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [follow, setFollow] = useState(true);
  const followRef = useRef(follow);
  followRef.current = follow;
  /** The display filter the packet list shows, and text put into the bar without applying it. */
  const [displayFilter, setDisplayFilter] = useState('');
  const [prepared, setPrepared] = useState<{ text: string; serial: number } | null>(null);
  const [fields, setFields] = useState<FieldInfo[]>([]);
  const stream = useRef<StreamConnection | null>(null);
  /** {@link applyFilter} of the latest render, for the stream's handler made once. */
  const applyFilterRef = useRef<(filter: string) => void>(() => {});
  const [view, setView] = useState<View>('packets');
  const [explain, setExplain] = useState<ExplainState>({ kind: 'idle' });
  const [pageError, setPageError] = useState<string | null>(null);
  /** The stream the follow dialog shows, and a count of the server's notices that it grew. */
  const [following, setFollowing] = useState<StreamTarget | null>(null);
  const followingRef = useRef(following);
  followingRef.current = following;
  const [followNotice, setFollowNotice] = useState(0);

  // Alerts raised before the page opened, or while it was away, come from the server's list.
  // After a reconnection the server may be a new one whose ids start again: its list replaces ours.
  const fetchAlerts = useCallback(async (replace: boolean) => {
    try {
      const listed = await api.alerts();
      setAlerts((held) => mergeAlerts(replace ? [] : held, listed, MAX_ALERTS));
      setAlertsError(null);
    } catch (problem) {
      setAlertsError(describeError(problem));
    }
  }, []);

  /** The stored files, asked for on several occasions: the newest answer wins whatever order they come in. */
  const loadFiles = useMemo(() => newestOnly(api.files, setFiles), []);

  const refresh = useCallback(async () => {
    try {
      const [devices, current, full] = await Promise.all([api.interfaces(), api.settings(), api.status(), loadFiles()]);
      setInterfaces(devices);
      setSettings(current);
      setStatus(full);
      setChecks(full.checks ?? []);
      setPageError(null);
    } catch (problem) {
      setPageError(describeError(problem));
    }
  }, [loadFiles]);

  /** An action on the server, then the page's view of it brought up to date. */
  const thenRefresh = (action: () => Promise<unknown>) => async () => {
    await action();
    await refresh();
  };

  /** The fields completion offers, asked for until the server has answered once. */
  const fetchFields = useCallback(() => {
    api.fields().then(setFields, () => undefined);
  }, []);

  useEffect(() => {
    const connection = new StreamConnection({
      onState: setConnection,
      onOpen: (reconnected) => {
        // The rows come once the server says from which frame it filters the new connection.
        store.connectionOpened();
        void refresh();
        void fetchAlerts(reconnected);
        fetchFields();
      },
      onMessage: (message) => {
        switch (message.type) {
          case 'packets':
            store.addLive(message.packets, followRef.current);
            break;
          case 'filter':
            void store.streamFiltered(message.filter, message.from).catch((problem: unknown) => setPageError(describeError(problem)));
            break;
          case 'filter-error':
            // The bar had the filter checked, so this is rare (a server of another version): show it and filter nothing.
            store.filterRefused();
            setPageError(`The server refused the display filter "${message.filter}": ${message.error}`);
            applyFilterRef.current('');
            break;
          case 'error':
            console.warn(`tapdeck: the stream refused a message: ${message.error}`);
            break;
          case 'status': {
            setStatus((previous) => ({ ...message, captureReady: previous?.captureReady, checks: previous?.checks }));
            store.setHistory(message.history.oldest, message.history.newest);
            if (message.stream) store.streamSeenThrough(message.stream.through);
            const active = message.source === 'replay' ? message.replay : message.capture;
            setRates((previous) => [...previous.slice(-(SPARKLINE_SECONDS - 1)), message.source ? active.packetsPerSecond : 0]);
            break;
          }
          case 'reset':
            store.reset(message.source);
            // A new source's analysis starts again, its alert ids too.
            setAlerts([]);
            setSelected(null);
            // A new source numbers its streams again: the one followed is gone.
            setFollowing(null);
            connection.follow(null);
            setFollow(true);
            void loadFiles().catch(() => undefined);
            break;
          case 'dropped':
            store.noteDropped(message.count);
            break;
          case 'streamData': {
            const shown = followingRef.current;
            if (shown && shown.proto === message.proto && shown.stream === message.stream) setFollowNotice((count) => count + 1);
            break;
          }
          case 'follow':
            break;
          case 'alert': {
            const { type: _type, ...alert } = message;
            setAlerts((held) => mergeAlerts(held, [alert], MAX_ALERTS));
            setToast(alert);
            break;
          }
        }
      },
    });
    stream.current = connection;
    return () => connection.close();
  }, [store, refresh, fetchAlerts, loadFiles, fetchFields]);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 6000);
    return () => clearTimeout(timer);
  }, [toast]);

  const openFollow = useCallback((target: StreamTarget) => {
    setFollowing(target);
    stream.current?.follow(target);
  }, []);
  const closeFollow = () => {
    setFollowing(null);
    stream.current?.follow(null);
  };
  /** A flow's stream is that of its latest packet (a flow's ports may have carried older streams). */
  const followFlow = async (flow: Flow) => {
    try {
      const page = await api.packets({ before: Number.MAX_SAFE_INTEGER, limit: 1, filter: flowFilter(flow) });
      const target = page.packets[0] ? streamOf(page.packets[0]) : null;
      if (target) openFollow(target);
      else setPageError(`No packet of the flow ${flow.initiator}:${flow.initiatorPort} ↔ ${flow.responder}:${flow.responderPort} is in the history any more.`);
    } catch (problem) {
      setPageError(describeError(problem));
    }
  };

  // Ctrl+Alt+Shift+T and Ctrl+Alt+Shift+U follow the selected packet's TCP or UDP stream, as in Wireshark.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.ctrlKey || !event.altKey || !event.shiftKey || (event.code !== 'KeyT' && event.code !== 'KeyU') || selected === null) return;
      const row = store.rows.find((summary) => summary['frame.number'] === selected);
      const target = row ? streamOf(row) : null;
      if (target && target.proto === (event.code === 'KeyT' ? 'tcp' : 'udp')) {
        event.preventDefault();
        openFollow(target);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [selected, store, openFollow]);

  const changeFollow = (on: boolean) => {
    setFollow(on);
    if (on && !store.attached) void store.jumpToNewest();
  };

  const explainPacket = (frameNumber: number) => runExplain(`frame ${frameNumber}`, { packet: frameNumber });
  const explainAlert = (alert: Alert) => runExplain(`alert ${alert.detector}`, { alert: alert.id });
  const runExplain = async (subject: string, target: { packet: number } | { alert: number }) => {
    setExplain({ kind: 'loading', subject });
    try {
      const answer = await api.explain(target);
      setExplain({ kind: 'done', subject, text: answer.text, source: answer.source });
    } catch (problem) {
      setExplain({ kind: 'error', subject, message: describeError(problem) });
    }
  };
  /** The packet list shows only what {@code filter} passes, from the whole history and the stream alike. */
  const applyFilter = (filter: string) => {
    setDisplayFilter(filter);
    setView('packets');
    if (filter === store.filter) return;
    store.setFilter(filter);
    stream.current?.setFilter(filter);
    setFollow(true);
  };
  applyFilterRef.current = applyFilter;
  const prepareFilter = (text: string) => setPrepared((previous) => ({ text, serial: (previous?.serial ?? 0) + 1 }));
  const showAlertPackets = (alert: Alert) => applyFilter(alertFilter(alert));
  const showFlowPackets = (flow: Flow) => applyFilter(flowFilter(flow));
  const showProgramPackets = (name: string) => applyFilter(programFilter(name));
  const activeAlert = displayFilter ? alerts.find((alert) => alertFilter(alert) === displayFilter)?.id ?? null : null;

  return (
    <div className="app">
      <header className="top-bar">
        <h1 className="brand">Tapdeck</h1>
        <CaptureControls
          interfaces={interfaces}
          settings={settings}
          status={status}
          checks={checks}
          onApply={async (change) => setSettings(await api.applySettings(change))}
          onStart={thenRefresh(() => api.start())}
          onStop={thenRefresh(() => api.stop())}
        />
      </header>
      <StatusLine status={status} connection={connection} />
      {pageError && <div className="error banner" role="alert">{pageError}</div>}
      <main className="workspace">
        <section className="packets" aria-label="Traffic">
          <ViewTabs view={view} onChange={setView} />
          {/* The packet list stays mounted behind the other views, so it keeps its place. */}
          <div className="view-panel" id={panelId('packets')} role="tabpanel" aria-labelledby={tabId('packets')} hidden={view !== 'packets'}>
            <DisplayFilterBar applied={displayFilter} prepared={prepared} fields={fields} onApply={applyFilter} />
            <PacketList
              store={store}
              follow={follow}
              onFollowChange={changeFollow}
              selected={selected}
              onSelect={setSelected}
              onFollowStream={openFollow}
            />
          </div>
          {view !== 'packets' && (
            <div className="view-panel" id={panelId(view)} role="tabpanel" aria-labelledby={tabId(view)}>
              {view === 'flows' && (
                <FlowsView onSelect={showFlowPackets} onFollow={(flow) => void followFlow(flow)} onProgram={showProgramPackets} />
              )}
              {view === 'processes' && <ProcessesView onProgram={showProgramPackets} />}
              {view === 'protocols' && <ProtocolsView />}
            </div>
          )}
        </section>
        <DetailPane frameNumber={selected} onExplain={explainPacket} fields={fields} onApplyFilter={applyFilter} onPrepareFilter={prepareFilter}
                    onFollowStream={openFollow} />
        <aside className="sidebar">
          <section className="panel" aria-label="Packet rate">
            <Sparkline samples={rates} span={SPARKLINE_SECONDS} />
          </section>
          <ExplainPanel state={explain} onClose={() => setExplain({ kind: 'idle' })} />
          <AlertsPanel
            alerts={alerts}
            error={alertsError}
            activeAlert={activeAlert}
            onSelect={showAlertPackets}
            onExplain={explainAlert}
          />
          <ReplayPanel
            files={files}
            status={status}
            onUpload={async (file) => {
              const stored = await api.upload(file);
              await loadFiles();
              return stored;
            }}
            onReplay={(file, speed, loop) => thenRefresh(() => api.replay(file, speed, loop))()}
            onPause={thenRefresh(() => api.pauseReplay())}
            onResume={thenRefresh(() => api.resumeReplay())}
            onStop={thenRefresh(() => api.stopReplay())}
          />
        </aside>
      </main>
      {following && (
        <FollowDialog target={following} notice={followNotice} onClose={closeFollow} onTarget={openFollow}
                      onApplyFilter={(filter) => {
                        closeFollow();
                        applyFilter(filter);
                      }} />
      )}
      {toast && <AlertToast alert={toast} onOpen={() => showAlertPackets(toast)} onDismiss={() => setToast(null)} />}
    </div>
  );
}
