import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs } from '../schema/common.types';
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
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
  AGENCY_COLUMNS,
  PROCEDURE_COLUMNS,
  findAgencies,
  findProcedures,
  procedureByCode,
  type AgencyColumn,
  type AgencyRow,
  type ListedProcedure,
  type ProcedureColumn,
  type ProcedureRow,
  type SectorRow,
} from '../queries/catalogue.queries';
import { upsertProcedure } from '../commands/upsert-procedure.command';
import { syncCatalogue } from '../commands/sync-catalogue.command';
import type { AdministrativeLevel } from '../domain/catalogue';

/** The names of the fields selected directly in `sets` (through fragments). */
function fieldNames(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[]): string[] {
  const names: string[] = [];
  forEachField(info, sets, (f) => void names.push(f.name.value));
  return names;
}

/**
 * What a procedures connection's client selects on `edges { node { … } }`: the procedure
 * columns those fields read and, when it asks for agencies, the agency properties those read
 * (each undefined, i.e. all, when some field is not declared in the store's column sets).
 */
function nodeSelection(info: GraphQLResolveInfo): { columns: ProcedureColumn[] | undefined; agencies: { columns: AgencyColumn[] | undefined } | undefined } {
  const roots = info.fieldNodes.flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
  const nodes = selectionsOf(info, selectionsOf(info, roots, 'edges'), 'node');
  const agencySets = selectionsOf(info, nodes, 'agencies');
  return {
    columns: PROCEDURE_COLUMNS.forFields(fieldNames(info, nodes)),
    agencies: agencySets.length > 0 ? { columns: AGENCY_COLUMNS.forFields(fieldNames(info, agencySets)) } : undefined,
  };
}

/** A procedure as the resolvers below get it: from a page (with its sector and maybe its agencies) or alone. */
type PageProcedure = ProcedureRow & Partial<Pick<ListedProcedure, 'sector' | 'agencies'>>;

@Resolver(() => ProcedureType)
export class ProcedureResolver {
  @Query(() => ProcedureType, { nullable: true })
  procedure(@Arg('code', () => String) code: string, @Ctx() ctx: Context): Promise<ProcedureRow | null> {
    return procedureByCode(ctx.db, code);
  }

  @Query(() => ProcedureConnection)
  async procedures(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => ProcedureFilterInput, { nullable: true }) filter: ProcedureFilterInput | null,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
  ) {
    const selection = nodeSelection(info);
    return findProcedures(ctx.db, filter, page, ctx.services.config.PAGE_MAX, {
      withTotal: selectsField(info, 'totalCount'),
      columns: selection.columns,
      agencies: selection.agencies,
    });
  }

  @Mutation(() => ProcedurePayload)
  async upsertProcedure(@Arg('input', () => ProcedureInput) input: ProcedureInput, @Ctx() ctx: Context) {
    const { procedure } = await ctx.run(upsertProcedure, input);
    return { procedure };
  }

  @Mutation(() => CatalogueSyncReport, { description: 'Pull the catalogue from the national portal.' })
  syncCatalogue(@Ctx() ctx: Context): Promise<CatalogueSyncReport> {
    return ctx.run(syncCatalogue, {});
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
    return findAgencies(ctx.db, { level, parentCode });
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
