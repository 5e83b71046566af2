import { Migration } from '@mikro-orm/migrations';

/**
 * The catalogue search that ranks and tolerates typos (issue 11): the unaccent and pg_trgm
 * extensions (both trusted, so a database owner may create them; PGlite loads them in
 * src/db/embedded-postgres.ts), search_fold(text) — the name folded as foldForSearch in
 * src/domain/catalogue.ts folds it (diacritics and đ removed, lower case, anything but [a-z0-9]
 * one space) — and two trigram indexes: on the folded name (exact, prefix and similar names) and
 * on search_text (the every-word LIKE tier).
 */
export class Migration20261130000001_catalogue_search extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists unaccent;`);
    this.addSql(`create extension if not exists pg_trgm;`);
    // unaccent(text) is only STABLE (it reads the search path); with its dictionary named it does
    // not, so the fold can be IMMUTABLE and indexed. Schema-qualified for the same reason.
    this.addSql(`
      create or replace function search_fold(t text) returns text
      language sql immutable parallel safe strict as
      $$ select btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, t)), '[^a-z0-9]+', ' ', 'g')) $$;`);
    this.addSql(`create index procedure_name_fold_trgm_idx on procedure using gin (search_fold(name) gin_trgm_ops);`);
    this.addSql(`create index procedure_search_text_trgm_idx on procedure using gin (search_text gin_trgm_ops);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists procedure_search_text_trgm_idx;`);
    this.addSql(`drop index if exists procedure_name_fold_trgm_idx;`);
    this.addSql(`drop function if exists search_fold(text);`);
  }
}
