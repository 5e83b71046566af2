import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { forEachField, selectionsOf, selectsField } from './selection';
import type { Context } from '../context';
import {
  CatalogueSyncReport,
  AgencyType,
  ProcedureConnection,
  ProcedureFilterInput,
  ProcedureInput,
  ProcedurePayload,
  ProcedureType,
  SectorType,
} from '../schema/catalogue.types';
import { AdministrativeLevelEnum } from '../schema/enums';
import { toGlobalId } from '../schema/global-id';
import {
  findAgencies,
  findProcedures,
  agenciesByProcedureIds,
  isAgencyColumn,
  isProcedureColumn,
  procedureByCode,
  type AgencyColumn,
  type AgencyRow,
  type ProcedureColumn,
  type ProcedureRow,
  type SectorRow,
} from '../queries/catalogue.queries';
import { upsertProcedure } from '../commands/upsert-procedure.command';
import { syncCatalogue } from '../commands/sync-catalogue.command';
import type { AdministrativeLevel } from '../domain/catalogue';

/** Procedure fields that need no column of their own (the id, code and sector are always read). */
const PROCEDURE_FIELDS_WITHOUT_COLUMN = new Set(['__typename', 'id', 'sector', 'agencies']);

/**
 * What a procedures connection's client selects on `edges { node { … } }`: the procedure
 * columns those fields read (undefined, i.e. every column, when some field is not known here, so
 * that a field added later is never left without its data) and, when it asks for agencies, the
 * agency properties those read (likewise undefined for all); null when it does not.
 */
function nodeSelection(info: GraphQLResolveInfo): { columns: ProcedureColumn[] | undefined; agencies: AgencyColumn[] | undefined | null } {
  const roots = info.fieldNodes.flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
  const nodes = selectionsOf(info, selectionsOf(info, roots, 'edges'), 'node');
  const columns = new Set<ProcedureColumn>();
  let unknown = false;
  forEachField(info, nodes, (f) => {
    const name = f.name.value;
    if (isProcedureColumn(name)) columns.add(name);
    else if (!PROCEDURE_FIELDS_WITHOUT_COLUMN.has(name)) unknown = true;
  });
  const agencySets = selectionsOf(info, nodes, 'agencies');
  let agencies: AgencyColumn[] | undefined | null = null;
  if (agencySets.length > 0) {
    const agencyColumns = new Set<AgencyColumn>();
    let unknownAgencyField = false;
    forEachField(info, agencySets, (f) => {
      const name = f.name.value;
      if (isAgencyColumn(name)) agencyColumns.add(name);
      else if (name === 'parent') agencyColumns.add('parentId');
      else if (name !== '__typename') unknownAgencyField = true;
    });
    agencies = unknownAgencyField ? undefined : [...agencyColumns];
  }
  return { columns: unknown ? undefined : [...columns], agencies };
}

/** A procedure row as the procedures query hands it on: with its sector and agencies when asked for. */
type PageProcedure = ProcedureRow & { sector?: SectorRow; agencies?: AgencyRow[] };

@Resolver(() => ProcedureType)
export class ProcedureResolver {
  @Query(() => ProcedureType, { nullable: true })
  procedure(@Arg('code', () => String) code: string, @Ctx() ctx: Context): Promise<ProcedureRow | null> {
    return procedureByCode(ctx.em, code);
  }

  @Query(() => ProcedureConnection)
  async procedures(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => ProcedureFilterInput, { nullable: true }) filter: ProcedureFilterInput | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    const selection = nodeSelection(info);
    const page = await findProcedures(ctx.em, filter, { first, after }, ctx.services.config.PAGE_MAX, {
      withTotal: selectsField(info, 'totalCount'),
      columns: selection.columns,
    });
    if (selection.agencies !== null && page.edges.length > 0) {
      // The page's agencies in one statement now, with only the properties asked for, handed to
      // each row: the page then completes without a promise (or a loader call) per procedure.
      const nodes: PageProcedure[] = page.edges.map((e) => e.node);
      const groups = await agenciesByProcedureIds(ctx.em, nodes.map((p) => p.id), selection.agencies);
      const byProcedure = new Map(groups.map((g) => [g.procedureId, g.agencies]));
      for (const p of nodes) p.agencies = byProcedure.get(p.id) ?? [];
    }
    return page;
  }

  @Mutation(() => ProcedurePayload)
  async upsertProcedure(@Arg('input', () => ProcedureInput) input: ProcedureInput, @Ctx() ctx: Context) {
    ctx.viewer.requireRole('ADMIN');
    await upsertProcedure(ctx.em, input, ctx.services.clock.now());
    ctx.services.submissionCatalogue.clear();
    return { procedure: await procedureByCode(ctx.em, input.code) };
  }

  @Mutation(() => CatalogueSyncReport, { description: 'Pull the catalogue from the national portal.' })
  async syncCatalogue(@Ctx() ctx: Context): Promise<CatalogueSyncReport> {
    ctx.viewer.requireRole('ADMIN');
    const { services } = ctx;
    const report = await syncCatalogue(services.forkEm, services.connectors.nationalPortal, () => services.clock.now(), services.log);
    services.submissionCatalogue.clear();
    return report;
  }

  @FieldResolver(() => ID)
  id(@Root() p: ProcedureRow): string {
    return toGlobalId('Procedure', p.id);
  }

  @FieldResolver(() => SectorType)
  sector(@Root() p: PageProcedure, @Ctx() ctx: Context): SectorRow | Promise<SectorRow | null> {
    // The rows of a procedures page carry their sector, read in the page statement.
    return p.sector ?? ctx.loaders.sectorById.load(p.sectorId);
  }

  @FieldResolver(() => [AgencyType])
  agencies(@Root() p: PageProcedure, @Ctx() ctx: Context): AgencyRow[] | Promise<AgencyRow[]> {
    return p.agencies ?? ctx.loaders.agenciesByProcedure.load(p.id);
  }
}

@Resolver(() => AgencyType)
export class AgencyResolver {
  @Query(() => [AgencyType])
  agencies(
    @Ctx() ctx: Context,
    @Arg('level', () => AdministrativeLevelEnum, { nullable: true }) level: AdministrativeLevel | null,
    @Arg('parentCode', () => String, { nullable: true }) parentCode: string | null,
  ): Promise<AgencyRow[]> {
    return findAgencies(ctx.em, { level, parentCode });
  }

  @FieldResolver(() => ID)
  id(@Root() a: AgencyRow): string {
    return toGlobalId('Agency', a.id);
  }

  @FieldResolver(() => AgencyType, { nullable: true })
  async parent(@Root() a: AgencyRow, @Ctx() ctx: Context) {
    return a.parentId ? ctx.loaders.agencyById.load(a.parentId) : null;
  }
}
