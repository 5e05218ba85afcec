// The dashboard page's script (browser): follows the engine's live view over server-sent events (reconnecting by
// itself after a restart), draws the price chart with the trades and levels on it and the day's equity, fills the
// tables, and sends the three controls after the trader confirms each one.

import {
  BaselineSeries,
  createChart,
  createSeriesMarkers,
  LineSeries,
  LineStyle,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { ControlName, ControlReply, DashboardSnapshot, PricePoint, TripView } from './snapshot.js';
import { clock, latency, lossLimitUse, positionLines, priceDecimals, score, signed, tradeMarkers, usd } from './view-model.js';

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element as T;
};

const chartLayout = {
  layout: { background: { color: '#1e2129' }, textColor: '#c8ccd8' },
  grid: { vertLines: { color: '#2a2e39' }, horzLines: { color: '#2a2e39' } },
  timeScale: { timeVisible: true, secondsVisible: true },
  autoSize: true,
} as const;

/** As many one-second points as the engine keeps (its price history's window). */
const maxChartPoints = 1_800;

/** The price chart: the sampled line, the trades' markers, and the open position's levels. */
class PriceChart {
  private readonly chart: IChartApi;
  private readonly line: ISeriesApi<'Line'>;
  private readonly markers: ISeriesMarkersPluginApi<Time>;
  private levels: IPriceLine[] = [];
  private points: PricePoint[] = [];
  private markerCount = 0;

  constructor(container: HTMLElement) {
    this.chart = createChart(container, chartLayout);
    this.line = this.chart.addSeries(LineSeries, { color: '#3584e4', lineWidth: 2 });
    this.markers = createSeriesMarkers(this.line, []);
  }

  /** What the chart holds, for the page's tests (a canvas shows them, the DOM does not): data-points and the rest. */
  get drawn(): { readonly points: number; readonly markers: number; readonly levels: number } {
    return { points: this.points.length, markers: this.markerCount, levels: this.levels.length };
  }

  show(snapshot: DashboardSnapshot): void {
    if (snapshot.pricesReset) {
      this.points = snapshot.prices.slice();
      const decimals = priceDecimals(this.points.at(-1)?.price ?? snapshot.lastPrice);
      this.line.applyOptions({ priceFormat: { type: 'price', precision: decimals, minMove: 10 ** -decimals } });
      this.line.setData(this.points.map((p) => ({ time: p.time as UTCTimestamp, value: p.price })));
    } else {
      for (const point of snapshot.prices) {
        const last = this.points.at(-1);
        if (last !== undefined && point.time < last.time) continue;
        if (last !== undefined && point.time === last.time) this.points[this.points.length - 1] = point;
        else this.points.push(point);
        this.line.update({ time: point.time as UTCTimestamp, value: point.price });
      }
      // A page open for weeks keeps the engine's window (30 minutes), not everything it ever saw.
      if (this.points.length > maxChartPoints + 200) {
        this.points = this.points.slice(-maxChartPoints);
        this.line.setData(this.points.map((p) => ({ time: p.time as UTCTimestamp, value: p.price })));
      }
    }
    const markers = tradeMarkers(snapshot.trips ?? [], snapshot.symbol, this.points);
    this.markers.setMarkers(markers.map((m) => ({ ...m, time: m.time as UTCTimestamp })));
    this.markerCount = markers.length;
    for (const level of this.levels) this.line.removePriceLine(level);
    this.levels = positionLines(snapshot.position, snapshot.symbol).map((level) =>
      this.line.createPriceLine({
        price: level.price,
        color: level.color,
        title: level.title,
        lineWidth: 1,
        lineStyle: LineStyle.Dashed,
        axisLabelVisible: true,
      }),
    );
  }
}

/** The day's equity: cumulative net PnL after each round trip, green above zero, red below. */
class EquityChart {
  private readonly series: ISeriesApi<'Baseline'>;

  constructor(container: HTMLElement) {
    const chart = createChart(container, chartLayout);
    this.series = chart.addSeries(BaselineSeries, { baseValue: { type: 'price', price: 0 } });
  }

  show(snapshot: DashboardSnapshot): void {
    this.series.setData((snapshot.equity ?? []).map((p) => ({ time: p.time as UTCTimestamp, value: p.netPnl })));
  }
}

function cell(text: string, className = ''): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className !== '') td.className = className;
  return td;
}

function fillRows(tbody: HTMLElement, rows: readonly (readonly HTMLTableCellElement[])[], empty: string, columns: number): void {
  const trs = rows.map((cells) => {
    const tr = document.createElement('tr');
    tr.append(...cells);
    return tr;
  });
  if (trs.length === 0) {
    const tr = document.createElement('tr');
    const td = cell(empty, 'muted');
    td.colSpan = columns;
    tr.append(td);
    trs.push(tr);
  }
  tbody.replaceChildren(...trs);
}

const pnlClass = (amount: string): string => (amount.startsWith('-') ? 'down' : Number(amount) > 0 ? 'up' : '');

function tripRow(trip: TripView): HTMLTableCellElement[] {
  return [
    cell(clock(trip.closedAtMs)),
    cell(trip.symbol),
    cell(trip.side),
    cell(trip.qty),
    cell(trip.entryPrice),
    cell(trip.exitPrice),
    cell(signed(trip.netPnl), pnlClass(trip.netPnl)),
    cell(trip.exitReason),
  ];
}

function render(snapshot: DashboardSnapshot, price: PriceChart, equity: EquityChart): void {
  byId('venue').textContent = snapshot.venue;
  byId('symbol').textContent = snapshot.symbol ?? 'no symbol yet';
  byId('phase').textContent = snapshot.phase;
  byId('feed').textContent = `feed ${snapshot.feedState}`;
  byId('last-price').textContent = snapshot.lastPrice === null ? '–' : String(snapshot.lastPrice);
  price.show(snapshot);
  equity.show(snapshot);
  const drawn = price.drawn;
  const chart = byId('price-chart');
  chart.dataset['points'] = String(drawn.points);
  chart.dataset['markers'] = String(drawn.markers);
  chart.dataset['levels'] = String(drawn.levels);

  const position = snapshot.position;
  byId('position').textContent = position === null ? 'flat' : `${position.side} ${position.size} ${position.symbol}`;
  byId('levels').textContent =
    position === null ? '–' : `${position.entryPrice || '–'} / ${position.stopPrice ?? '–'} / ${position.takeProfitPrice ?? '–'}`;
  const unrealised = byId('unrealised');
  unrealised.textContent = usd(snapshot.unrealisedPnl);
  unrealised.className = pnlClass(snapshot.unrealisedPnl);
  byId('session').textContent = `${snapshot.sessionTrips} round trips, net ${usd(snapshot.sessionNetPnl)}`;
  const day = byId('day-pnl');
  day.textContent = usd(snapshot.dayRealisedPnl);
  day.className = pnlClass(snapshot.dayRealisedPnl);
  const used = lossLimitUse(snapshot.dayRealisedPnl, snapshot.dayLossLimit);
  byId('limit-bar').style.width = `${(used * 100).toFixed(1)}%`;
  byId('limit-text').textContent = `${(used * 100).toFixed(0)} % of the daily-loss limit (${snapshot.dayLossLimit} USDT) used`;

  const banner = byId('halt-banner');
  banner.hidden = snapshot.halted === '';
  banner.textContent = snapshot.halted === '' ? '' : `TRADING HALTED: ${snapshot.halted}`;
  byId('risk').textContent = snapshot.halted === '' ? 'Trading: on' : `HALTED: ${snapshot.halted}`;

  fillRows(
    byId('ranking'),
    snapshot.ranking.map((r, i) => [
      cell(String(i + 1)),
      cell(r.symbol + (r.boosted ? ' ★' : ''), r.symbol === snapshot.symbol ? 'up' : ''),
      cell(score(r.score)),
    ]),
    'no scan yet',
    3,
  );
  fillRows(
    byId('workers'),
    snapshot.workers.map((w) => [
      cell(w.worker),
      cell(w.state, w.state === 'running' ? 'up' : 'down'),
      cell(w.loopP50Ms === null ? '–' : `${w.loopP50Ms.toFixed(1)} ms`),
      cell(w.loopP99Ms === null ? '–' : `${w.loopP99Ms.toFixed(1)} ms`),
      cell(w.detail),
    ]),
    'no answer',
    5,
  );
  byId('restarts').textContent = `(${snapshot.restarts} restarts this run)`;
  byId('decision-latency').textContent = `p50 ${latency(snapshot.decisionP50Us)}, p99 ${latency(snapshot.decisionP99Us)}`;
  fillRows(
    byId('orders'),
    snapshot.openOrders.map((o) => [cell(o.orderLinkId), cell(o.side), cell(o.orderType), cell(o.status), cell(`${o.filled} / ${o.qty}`)]),
    'none',
    5,
  );
  const trips = snapshot.trips;
  fillRows(
    byId('trips'),
    trips === null ? [] : trips.slice().reverse().map(tripRow),
    trips === null ? 'no journal (journal.path is "")' : 'none yet today',
    8,
  );
  byId('connection').dataset['updatedAt'] = String(snapshot.tsMs);
}

const controlQuestions: Readonly<Record<ControlName, { title: string; text: string }>> = {
  halt: {
    title: 'Halt trading?',
    text: 'The kill switch: working orders are cancelled, the position is closed at market, and no entry opens until you resume. It is journaled and outlasts a restart.',
  },
  close: {
    title: 'Close the position now?',
    text: 'Working orders are cancelled and the position is closed at market. Entries go on once risk.cooldownAfterStopMs has passed, as after any close the strategy did not make (halt stops them).',
  },
  resume: { title: 'Resume entries?', text: 'Lifts the manual halt: the strategy may open positions again. A daily-loss halt is not lifted.' },
};

function confirmDialog(name: ControlName): Promise<boolean> {
  const dialog = byId<HTMLDialogElement>('confirm-dialog');
  byId('confirm-title').textContent = controlQuestions[name].title;
  byId('confirm-text').textContent = controlQuestions[name].text;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true }));
}

async function sendControl(name: ControlName): Promise<ControlReply> {
  const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
  try {
    const response = await fetch(`/api/control/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ confirm: true }),
      credentials: 'same-origin',
    });
    const reply = (await response.json()) as ControlReply;
    return typeof reply.message === 'string' ? reply : { ok: false, message: `the engine answered ${response.status}` };
  } catch (error) {
    return { ok: false, message: `the engine could not be reached: ${(error as Error).message}` };
  }
}

function wireControls(): void {
  const answer = byId('control-answer');
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-control]')) {
    const name = button.dataset['control'] as ControlName;
    button.addEventListener('click', () => {
      void (async () => {
        if (!(await confirmDialog(name))) return;
        button.disabled = true;
        answer.textContent = '…';
        answer.dataset['ok'] = '';
        const reply = await sendControl(name);
        answer.textContent = reply.message;
        answer.dataset['ok'] = String(reply.ok);
        button.disabled = false;
      })();
    });
  }
}

/** Follows /events; after an error (the engine restarting) it opens a new stream, and says when the token is refused. */
function follow(price: PriceChart, equity: EquityChart): void {
  const connection = byId('connection');
  const state = (name: string, text: string): void => {
    connection.dataset['state'] = name;
    connection.textContent = text;
  };
  let retryMs = 1_000;
  const open = (): void => {
    const events = new EventSource('/events');
    events.addEventListener('snapshot', (event) => {
      retryMs = 1_000;
      state('live', 'live');
      render(JSON.parse((event as MessageEvent<string>).data) as DashboardSnapshot, price, equity);
    });
    events.addEventListener('starting', () => state('connecting', 'the engine is starting…'));
    events.addEventListener('error', () => {
      if (events.readyState !== EventSource.CLOSED) {
        state('reconnecting', 'reconnecting…');
        return;
      }
      // A refused stream (the engine came back with another token) closes for good: ask why, then try again.
      void fetch('/api/snapshot', { credentials: 'same-origin' })
        .then((response) => {
          if (response.status === 401) state('signed-out', 'the access token was refused: open the address the engine printed');
          else state('reconnecting', 'reconnecting…');
        })
        .catch(() => state('reconnecting', 'the engine is not answering; reconnecting…'));
      setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    });
  };
  open();
}

const priceChart = new PriceChart(byId('price-chart'));
const equityChart = new EquityChart(byId('equity-chart'));
wireControls();
follow(priceChart, equityChart);
