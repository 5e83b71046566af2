import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface ScratchDatabase {
  url: string;
  kind: 'postgres' | 'pglite';
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file or benchmark run: a new database on the
 * PostgreSQL server at `serverUrl` (default DATABASE_URL) when there is one, else an
 * in-memory embedded PGlite. drop() removes it.
 */
export async function createScratchDatabase(serverUrl = process.env.DATABASE_URL): Promise<ScratchDatabase> {
  if (!serverUrl) {
    const pg = await startEmbeddedPostgres();
    return { url: pg.url, kind: 'pglite', drop: () => pg.stop() };
  }
  const name = `dvc_scratch_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: 'postgres',
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
