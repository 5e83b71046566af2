import { sql, type Db } from '../db/sql';

/** The names of the migrations applied to the database (as MikroORM recorded them, maybe with .js/.ts). */
export async function appliedMigrations(db: Db): Promise<string[]> {
  return (await db.all<{ name: string }>(sql`select name from mikro_orm_migrations`)).map((r) => r.name);
}
