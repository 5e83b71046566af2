/**
 * Baseline for `npm run bench -- catalogue`: the same data as the hub's catalogue query,
 * answered with hand-written SQL through `pg` and JSON.stringify on a plain http server.
 */
import { createServer } from 'node:http';
import { Pool } from 'pg';
import { answerCpuRequests } from './support';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX ?? 10) });

const PAGE_SQL = `
  select p.id, p.code, p.name, p.level, p.service_level, p.processing_working_days, p.channels,
         json_build_object('code', s.code, 'name', s.name) as sector,
         coalesce((select json_agg(json_build_object('id', a.id, 'code', a.code, 'name', a.name, 'level', a.level) order by a.code)
                   from procedure_agency pa join agency a on a.id = pa.agency_id where pa.procedure_id = p.id), '[]') as agencies,
         p.fees,
         (select coalesce(json_agg(json_build_object('code', c->>'code', 'name', c->>'name', 'required', (c->>'required')::boolean,
                                                     'copies', (c->>'copies')::int) order by o), '[]')
            from jsonb_array_elements(p.components) with ordinality as x(c, o)) as components
    from procedure p join sector s on s.id = p.sector_id
   order by p.code limit $1`;

const b64 = (s: string) => Buffer.from(s).toString('base64url');

createServer(async (_req, res) => {
  try {
    const first = 20;
    const [page, count] = await Promise.all([pool.query(PAGE_SQL, [first + 1]), pool.query('select count(*)::int as n from procedure')]);
    const rows = page.rows.slice(0, first);
    const edges = rows.map((r) => ({
      cursor: b64(`c:${r.code}`),
      node: {
        id: b64(`Procedure:${r.id}`), code: r.code, name: r.name, level: r.level, serviceLevel: r.service_level,
        processingWorkingDays: r.processing_working_days, channels: r.channels, sector: r.sector,
        agencies: r.agencies.map((a: { id: string }) => ({ ...a, id: b64(`Agency:${a.id}`) })), fees: r.fees, components: r.components,
      },
    }));
    const body = JSON.stringify({
      data: { procedures: { totalCount: count.rows[0].n, pageInfo: { hasNextPage: page.rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, edges } },
    });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  } catch (e) {
    res.writeHead(500).end(String(e));
  }
}).listen(Number(process.env.PORT ?? 0), '127.0.0.1', function (this: import('node:http').Server) {
  const addr = this.address() as import('node:net').AddressInfo;
  answerCpuRequests();
  process.send?.({ ready: `http://127.0.0.1:${addr.port}` });
});
