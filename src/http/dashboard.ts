import { hubOnlyContentSecurityPolicy, sendHubPage, serveHubPageAssets } from './page-security';
import type { AccountDirectory } from '../auth/accounts';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express from 'express';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { signDevToken } from '../auth/tokens';
import { isRole, type Role } from '../auth/roles';

/** Where the dashboard's assets are served from (the bundle of scripts/build-dashboard.mjs). */
export const DASHBOARD_ASSETS_PATH = '/dashboard/assets';

/** dist/dashboard: ../../dashboard from dist/src/http, ../../dist/dashboard from src/http (ts-jest). */
export function dashboardAssetsDir(): string | null {
  for (const dir of [resolve(__dirname, '../../dashboard'), resolve(__dirname, '../../dist/dashboard')]) {
    if (existsSync(join(dir, 'dashboard.js'))) return dir;
  }
  return null;
}

/** The demo roles the development sign-in offers (the agency ones act for the agency picked). */
const DEV_ROLES: readonly Role[] = ['OBSERVER', 'ADMIN', 'LEADER'];

/**
 * The live dashboard (issue 15): GET /dashboard is the page; its script and styles come from
 * /dashboard/assets/… on this hub (the Content-Security-Policy allows nothing else), and the data
 * from the hub's GraphQL over graphql-ws with the token the user signs in with. Outside
 * production, with the HS256 development secret, /dashboard/dev-token hands out a token for a
 * demo role (GET says whether it does; POST {role, agencyCode} signs one for 12 h).
 */
export function dashboard(config: Config, log: Logger, accounts: AccountDirectory): express.Router {
  const router = express.Router();
  const dir = dashboardAssetsDir();
  if (!dir) log.warn('the dashboard is not built (dist/dashboard): run `npm run build`');
  const devTokens = config.NODE_ENV !== 'production' && !!config.jwtSecret && !config.AUTH_JWKS_URL;

  router.get('/dashboard', (req, res) =>
    sendHubPage(res, contentSecurityPolicy(req.headers.host), PAGE, !!dir, 'The dashboard is not built on this server: run `npm run build` (scripts/build-dashboard.mjs), then restart.\n'),
  );
  serveHubPageAssets(router, DASHBOARD_ASSETS_PATH, dir, 'dashboard');

  router.get('/dashboard/dev-token', (_req, res) => {
    if (!devTokens) return void res.status(404).json({ errors: [{ message: 'No development sign-in here', extensions: { code: 'NOT_FOUND' } }] });
    res.json({ roles: DEV_ROLES });
  });
  router.post('/dashboard/dev-token', express.json({ limit: '2kb' }), async (req, res) => {
    if (!devTokens) return void res.status(404).json({ errors: [{ message: 'No development sign-in here', extensions: { code: 'NOT_FOUND' } }] });
    const { role, agencyCode } = (req.body ?? {}) as { role?: unknown; agencyCode?: unknown };
    if (!isRole(role) || !DEV_ROLES.includes(role)) return void res.status(400).json({ errors: [{ message: `role: one of ${DEV_ROLES.join(', ')}`, extensions: { code: 'BAD_USER_INPUT', field: 'role' } }] });
    const agencies = role === 'LEADER' && typeof agencyCode === 'string' && /^[A-Za-z0-9.]{1,40}$/.test(agencyCode) ? [agencyCode] : [];
    if (role === 'LEADER' && agencies.length === 0) return void res.status(400).json({ errors: [{ message: 'agencyCode: the agency the leader works at', extensions: { code: 'BAD_USER_INPUT', field: 'agencyCode' } }] });
    // One demo subject per role and agency, registered in the staff directory (issue 16) as picked.
    const sub = `dashboard-demo-${role.toLowerCase()}${agencies.length ? `@${agencies[0]}` : ''}`;
    try {
      await accounts.registerDevelopmentSignIn(sub, [role], agencies);
      res.json({ token: await signDevToken(config.jwtSecret!, { sub, roles: [role], agencies }) });
    } catch (e) {
      log.error({ err: e }, 'dashboard development sign-in failed');
      res.status(500).json({ errors: [{ message: 'Đăng nhập thử không thực hiện được / the development sign-in failed', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  });
  return router;
}

/** Everything from this hub only (inline style attributes for the bars' widths; no inline scripts). */
function contentSecurityPolicy(host: string | undefined): string {
  return hubOnlyContentSecurityPolicy(host);
}

const PAGE = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bảng điều khiển giải quyết TTHC · dvc-hub</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${DASHBOARD_ASSETS_PATH}/dashboard.css">
</head>
<body>
<header>
  <h1>Bảng điều khiển giải quyết thủ tục hành chính</h1>
  <span id="live" data-state="connecting" role="status" aria-live="polite">Đang kết nối…</span>
  <span id="board-controls"><label>Phạm vi <select id="scope" aria-label="Phạm vi"></select></label> <span id="who"></span> <button id="signout" type="button">Đăng xuất</button></span>
</header>
<form id="signin" hidden>
  <h2>Đăng nhập</h2>
  <label for="token">Mã xác thực (bearer token) của cán bộ, quản trị hoặc giám sát</label>
  <textarea id="token" autocomplete="off" spellcheck="false"></textarea>
  <button class="primary" type="submit">Đăng nhập</button>
  <p id="signin-error" role="alert"></p>
  <div id="dev-roles" hidden>
    <p><b>Môi trường phát triển:</b> chọn một vai trò thử nghiệm</p>
    <button type="button" data-role="OBSERVER">Giám sát toàn tỉnh</button>
    <button type="button" data-role="ADMIN">Quản trị</button>
    <p><label>Lãnh đạo của cơ quan <select id="dev-agency"></select></label>
    <button type="button" data-role="LEADER">Đăng nhập lãnh đạo</button></p>
  </div>
</form>
<main id="board" hidden>
  <div class="scope-line"><h2 id="scope-title"></h2><small>Tháng báo cáo: <span id="month-range"></span></small><small id="stamp"></small></div>
  <div class="counters">
    <div class="counter"><div class="label">Tiếp nhận hôm nay</div><div class="value" id="c-today" data-testid="received-today">–</div><div class="sub">hồ sơ</div></div>
    <div class="counter"><div class="label">Đang giải quyết</div><div class="value" id="c-progress" data-testid="in-progress">–</div><div class="sub">trong tháng báo cáo</div></div>
    <div class="counter warn"><div class="label">Quá hạn</div><div class="value" id="c-overdue" data-testid="overdue">–</div><div class="sub">đang giải quyết quá hạn</div></div>
    <div class="counter ok"><div class="label">Giải quyết đúng hạn tháng này</div><div class="value" id="c-ontime" data-testid="resolved-on-time">–</div><div class="sub">trên <span id="c-resolved">–</span> đã giải quyết · <span id="c-rate">–</span></div></div>
  </div>
  <div class="grid">
    <section class="panel"><h3>Tỷ lệ giải quyết đúng hạn theo cơ quan</h3><ul class="bars" id="bars"></ul></section>
    <section class="panel"><h3>Tiếp nhận và giải quyết theo ngày <small>(tháng báo cáo)</small></h3><div id="trend"></div></section>
    <section class="panel"><h3>Bộ chỉ số QĐ 766 <small id="score-range"></small></h3><div class="score-total" id="score-total" data-testid="score-total">–</div><ul class="bars" id="score-groups"></ul></section>
    <section class="panel"><h3>Hoạt động hồ sơ trực tiếp</h3><ol id="feed" data-testid="feed"></ol></section>
  </div>
</main>
<script src="${DASHBOARD_ASSETS_PATH}/dashboard.js"></script>
</body>
</html>
`;
