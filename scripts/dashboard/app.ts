// The live dashboard (issue 15), served by the hub at /dashboard; bundled by
// scripts/build-dashboard.mjs with the graphql-ws client and uPlot: nothing is loaded from any
// other host. Everything on the page comes from GraphQL subscriptions over graphql-ws:
// processingStatisticsUpdated (AGENCY: counters and the on-time bars; DAY: the trend),
// scorecardUpdated and dossierStatusChanged.
import { createClient, type Client } from 'graphql-ws';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './style.css';

type Row = {
  key: string;
  label: string;
  carriedOver: number;
  received: number;
  resolved: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  inProgress: number;
  inProgressOnTime: number;
  inProgressOverdue: number;
  withdrawn: number;
  rejected: number;
  onTimeRate: number | null;
};
type Card = { totalScore: number; maxScore: number; from: string; to: string; groups: { group: string; score: number; maxScore: number }[] };
type Event = { code: string; agencyCode: string; action: string; previousStatus: string | null; status: string; at: string; overdue: boolean };

const TOKEN_KEY = 'dvc-hub.dashboard.token';
const ROW_FIELDS = 'key label carriedOver received resolved resolvedEarly resolvedOnTime resolvedLate inProgress inProgressOnTime inProgressOverdue withdrawn rejected onTimeRate';

const GROUP_LABELS: Record<string, string> = {
  TRANSPARENCY: 'Công khai, minh bạch',
  PROGRESS: 'Tiến độ giải quyết',
  ONLINE_SERVICE: 'Dịch vụ trực tuyến',
  DIGITIZATION: 'Số hóa hồ sơ',
  SATISFACTION: 'Mức độ hài lòng',
  ONLINE_PAYMENT: 'Thanh toán trực tuyến',
};
const STATUS_LABELS: Record<string, string> = {
  SUBMITTED: 'Mới đăng ký',
  PROCESSING: 'Đang xử lý',
  SUPPLEMENT_REQUESTED: 'Yêu cầu bổ sung',
  AWAITING_PAYMENT: 'Chờ nộp phí',
  AWAITING_APPROVAL: 'Chờ phê duyệt',
  APPROVED: 'Đã phê duyệt',
  RESULT_READY: 'Đã có kết quả',
  DELIVERED: 'Đã trả kết quả',
  REJECTED: 'Từ chối',
  WITHDRAWN: 'Rút hồ sơ',
  STOPPED: 'Dừng xử lý',
};
const ACTION_LABELS: Record<string, string> = {
  SUBMIT: 'Nộp hồ sơ',
  RECEIVE: 'Tiếp nhận',
  REJECT: 'Từ chối',
  REQUEST_SUPPLEMENT: 'Yêu cầu bổ sung',
  SUPPLEMENT: 'Bổ sung hồ sơ',
  REQUEST_PAYMENT: 'Yêu cầu nộp phí',
  PAYMENT_SETTLED: 'Đã nộp phí',
  SUBMIT_FOR_APPROVAL: 'Trình phê duyệt',
  RETURN_FOR_REVISION: 'Trả lại xử lý',
  APPROVE: 'Phê duyệt',
  ISSUE_RESULT: 'Ban hành kết quả',
  DELIVER: 'Trả kết quả',
  WITHDRAW: 'Rút hồ sơ',
  STOP: 'Dừng xử lý',
  EXTEND: 'Gia hạn',
  DUE_SOON: 'Sắp đến hạn',
  OVERDUE: 'Quá hạn',
};

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const fmt = new Intl.NumberFormat('vi-VN');
const num = (n: number) => fmt.format(n);
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Today in Vietnam (YYYY-MM-DD). */
const vnToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const vnTime = (iso: string) => new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(11, 19);

async function gql<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors?.length) throw new Error(body.errors[0].message);
  return body.data as T;
}

// ------------------------------------------------------------------ sign-in

async function showSignIn(message = ''): Promise<void> {
  $('signin').hidden = false;
  $('board').hidden = true;
  $('board-controls').hidden = true;
  setLive('connecting');
  $('signin-error').textContent = message;
  const dev = await fetch('/dashboard/dev-token', { method: 'GET' }).then((r) => (r.ok ? r.json() : null), () => null);
  const box = $('dev-roles');
  box.hidden = !dev;
  if (dev) {
    const r = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ agencies { code name } }' }) });
    const agencies: { code: string; name: string }[] = (await r.json()).data?.agencies ?? [];
    ($('dev-agency') as HTMLSelectElement).innerHTML = agencies.map((a) => `<option value="${esc(a.code)}">${esc(a.name)}</option>`).join('');
  }
}

async function devSignIn(role: string): Promise<void> {
  const agency = ($('dev-agency') as HTMLSelectElement).value;
  const r = await fetch('/dashboard/dev-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role, agencyCode: agency }) });
  if (!r.ok) return void ($('signin-error').textContent = 'Không lấy được mã xác thực thử nghiệm');
  await signIn((await r.json()).token);
}

async function signIn(token: string): Promise<void> {
  try {
    const me = await gql<{ me: { subject: string; roles: string[]; agencyCodes: string[] } | null; agencies: { code: string; name: string; level: string; parent: { code: string } | null }[] }>(
      token,
      `{ me { subject roles agencyCodes } agencies { code name level parent { code } } }`,
    );
    if (!me.me) throw new Error('Mã xác thực không hợp lệ');
    localStorage.setItem(TOKEN_KEY, token);
    startBoard(token, me.me, me.agencies);
  } catch (e) {
    localStorage.removeItem(TOKEN_KEY);
    await showSignIn(`Đăng nhập không thành công: ${(e as Error).message}`);
  }
}

// ------------------------------------------------------------------ the board

let client: Client | null = null;
let stops: (() => void)[] = [];
let trend: uPlot | null = null;
let agencyNames = new Map<string, string>();
let todayRows: Row[] = [];

function setLive(state: 'connecting' | 'live' | 'down') {
  const el = $('live');
  el.dataset.state = state;
  el.textContent = state === 'live' ? 'Trực tiếp' : state === 'down' ? 'Mất kết nối — đang kết nối lại' : 'Đang kết nối…';
}

function startBoard(token: string, me: { subject: string; roles: string[]; agencyCodes: string[] }, agencies: { code: string; name: string; level: string; parent: { code: string } | null }[]) {
  $('signin').hidden = true;
  $('board').hidden = false;
  $('board-controls').hidden = false;
  $('who').textContent = `${me.subject} · ${me.roles.join(', ')}`;
  agencyNames = new Map(agencies.map((a) => [a.code, a.name]));
  const province = me.roles.includes('ADMIN') || me.roles.includes('OBSERVER');
  const select = $('scope') as HTMLSelectElement;
  const choices = province ? agencies : agencies.filter((a) => me.agencyCodes.includes(a.code) || (a.parent && me.agencyCodes.includes(a.parent.code)));
  select.innerHTML =
    (province ? '<option value="">Toàn tỉnh</option>' : '') + choices.map((a) => `<option value="${esc(a.code)}">${esc(a.name)}</option>`).join('');
  select.onchange = () => subscribeAll(select.value || null);
  client?.dispose();
  setLive('connecting');
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  client = createClient({
    url: wsUrl,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    keepAlive: 10_000,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: async (n) => new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** n, 10_000))),
    on: {
      connected: () => setLive('live'),
      closed: () => setLive('down'),
      error: () => setLive('down'),
    },
  });
  subscribeAll(select.value || null);
  // For tests and people at the console: the connection (terminate() drops it; it comes back by itself).
  (window as unknown as { dashboardClient: Client }).dashboardClient = client;
}

function subscribe<T>(query: string, variables: Record<string, unknown>, onData: (d: T) => void, onError?: () => void) {
  const stop = client!.subscribe<T>(
    { query, variables },
    {
      next: (r) => r.data && onData(r.data as T),
      error: (e) => {
        console.warn('subscription error', e);
        onError?.();
      },
      complete: () => undefined,
    },
  );
  stops.push(stop);
}

function subscribeAll(agencyCode: string | null) {
  for (const s of stops) s();
  stops = [];
  $('feed').innerHTML = '';
  $('scope-title').textContent = agencyCode ? (agencyNames.get(agencyCode) ?? agencyCode) : 'Toàn tỉnh';
  subscribe<{ processingStatisticsUpdated: Row[] }>(
    `subscription($a: String) { processingStatisticsUpdated(agencyCode: $a, groupBy: AGENCY) { ${ROW_FIELDS} } }`,
    { a: agencyCode },
    (d) => renderAgencies(d.processingStatisticsUpdated),
  );
  subscribe<{ processingStatisticsUpdated: Row[] }>(
    `subscription($a: String) { processingStatisticsUpdated(agencyCode: $a, groupBy: DAY) { ${ROW_FIELDS} } }`,
    { a: agencyCode },
    (d) => renderDays(d.processingStatisticsUpdated),
  );
  subscribe<{ scorecardUpdated: Card }>(
    `subscription($a: String) { scorecardUpdated(agencyCode: $a) { totalScore maxScore from to groups { group score maxScore } } }`,
    { a: agencyCode },
    (d) => renderScorecard(d.scorecardUpdated),
  );
  subscribe<{ dossierStatusChanged: Event }>(
    `subscription($a: String) { dossierStatusChanged(agencyCode: $a) { code agencyCode action previousStatus status at overdue } }`,
    { a: agencyCode },
    (d) => addEvent(d.dossierStatusChanged),
    () => ($('feed').innerHTML = '<li class="empty">Chỉ cán bộ của chính cơ quan này (hoặc quản trị, giám sát) theo dõi được hồ sơ của cơ quan.</li>'),
  );
}

function renderAgencies(rows: Row[]) {
  const total = rows[rows.length - 1]!;
  $('c-progress').textContent = num(total.inProgress);
  $('c-overdue').textContent = num(total.inProgressOverdue);
  $('c-ontime').textContent = num(total.resolvedEarly + total.resolvedOnTime);
  $('c-rate').textContent = total.onTimeRate === null ? '—' : `${total.onTimeRate.toLocaleString('vi-VN')} %`;
  $('c-resolved').textContent = num(total.resolved);
  const rated = rows.slice(0, -1).filter((r) => r.resolved > 0).sort((a, b) => (a.onTimeRate ?? 0) - (b.onTimeRate ?? 0));
  $('bars').innerHTML = rated.length
    ? rated
        .map((r) => {
          const rate = r.onTimeRate ?? 0;
          const tone = rate >= 95 ? 'good' : rate >= 80 ? 'fair' : 'poor';
          return `<li title="${esc(r.label)}: ${num(r.resolvedEarly + r.resolvedOnTime)}/${num(r.resolved)} đúng hạn"><span class="bar-label">${esc(r.label)}</span><span class="bar-track"><span class="bar ${tone}" style="width:${rate}%"></span></span><span class="bar-value">${rate.toLocaleString('vi-VN')} %</span></li>`;
        })
        .join('')
    : '<li class="empty">Chưa có hồ sơ nào được giải quyết trong tháng báo cáo.</li>';
  $('stamp').textContent = `Cập nhật ${vnTime(new Date().toISOString())}`;
}

function renderDays(rows: Row[]) {
  const days = rows.slice(0, -1);
  todayRows = days;
  const today = days.find((r) => r.key === vnToday());
  $('c-today').textContent = num(today?.received ?? 0);
  $('month-range').textContent = days.length ? `${days[0]!.label} – ${days[days.length - 1]!.label}` : '';
  const upTo = days.filter((r) => r.key <= vnToday());
  const xs = upTo.map((r) => Date.parse(`${r.key}T00:00:00+07:00`) / 1000);
  const data: uPlot.AlignedData = [xs, upTo.map((r) => r.received), upTo.map((r) => r.resolved)];
  const el = $('trend');
  const width = Math.max(260, el.clientWidth - 8);
  if (!trend) {
    trend = new uPlot(
      {
        width,
        height: 220,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Asia/Ho_Chi_Minh'),
        scales: { x: { time: true } },
        axes: [{ values: (_u, ticks) => ticks.map((t) => uPlot.fmtDate('{DD}/{MM}')(uPlot.tzDate(new Date(t * 1000), 'Asia/Ho_Chi_Minh'))) }, {}],
        series: [
          { label: 'Ngày', value: (_u, v) => (v == null ? '' : uPlot.fmtDate('{DD}/{MM}/{YYYY}')(uPlot.tzDate(new Date(v * 1000), 'Asia/Ho_Chi_Minh'))) },
          { label: 'Tiếp nhận', stroke: '#1d4ed8', width: 2, fill: 'rgba(29,78,216,0.08)', points: { show: true } },
          { label: 'Đã giải quyết', stroke: '#059669', width: 2, points: { show: true } },
        ],
      },
      data,
      el,
    );
  } else {
    trend.setData(data);
  }
}

function renderScorecard(c: Card) {
  $('score-total').textContent = `${c.totalScore.toLocaleString('vi-VN')} / ${c.maxScore}`;
  $('score-range').textContent = `${c.from.split('-').reverse().join('/')} – ${c.to.split('-').reverse().join('/')}`;
  $('score-groups').innerHTML = c.groups
    .map(
      (g) =>
        `<li><span class="bar-label">${esc(GROUP_LABELS[g.group] ?? g.group)}</span><span class="bar-track"><span class="bar score" style="width:${g.maxScore ? (100 * g.score) / g.maxScore : 0}%"></span></span><span class="bar-value">${g.score.toLocaleString('vi-VN')}/${g.maxScore}</span></li>`,
    )
    .join('');
}

function addEvent(e: Event) {
  const li = document.createElement('li');
  li.className = e.overdue ? 'overdue' : '';
  li.innerHTML = `<time>${vnTime(e.at)}</time> <b>${esc(e.code)}</b> <span class="action">${esc(ACTION_LABELS[e.action] ?? e.action)}</span> → <span class="status">${esc(STATUS_LABELS[e.status] ?? e.status)}</span>${e.overdue ? ' <span class="tag">quá hạn</span>' : ''}<br><small>${esc(agencyNames.get(e.agencyCode) ?? e.agencyCode)}</small>`;
  const feed = $('feed');
  feed.prepend(li);
  while (feed.children.length > 40) feed.lastElementChild!.remove();
}

// ------------------------------------------------------------------ wiring

window.addEventListener('resize', () => {
  if (trend) trend.setSize({ width: Math.max(260, $('trend').clientWidth - 8), height: 220 });
});
$('signin').addEventListener('submit', (ev) => {
  ev.preventDefault();
  void signIn(($('token') as HTMLTextAreaElement).value.trim().replace(/^Bearer\s+/i, ''));
});
for (const b of document.querySelectorAll<HTMLButtonElement>('[data-role]')) b.addEventListener('click', () => void devSignIn(b.dataset.role!));
$('signout').addEventListener('click', () => {
  localStorage.removeItem(TOKEN_KEY);
  for (const s of stops) s();
  stops = [];
  client?.dispose();
  client = null;
  trend?.destroy();
  trend = null;
  void showSignIn();
});
const saved = localStorage.getItem(TOKEN_KEY);
if (saved) void signIn(saved);
else void showSignIn();
// For tests and people: the rows behind the trend.
(window as unknown as { dashboardDays: () => Row[] }).dashboardDays = () => todayRows;
