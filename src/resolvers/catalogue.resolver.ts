import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { selectsField } from './selection';
import type { Context } from '../context';
import {
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
import { findAgencies, findProcedures, procedureByCode, type AgencyRow, type ProcedureRow } from '../queries/catalogue.queries';
import { upsertProcedure } from '../commands/upsert-procedure.command';
import type { AdministrativeLevel } from '../domain/catalogue';

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
    const page = await findProcedures(ctx.em, filter, { first, after }, ctx.services.config.PAGE_MAX, {
      withTotal: selectsField(info, 'totalCount'),
    });
    for (const { node } of page.edges) ctx.loaders.sectorById.prime(node.sector.id, node.sector);
    return page;
  }

  @Mutation(() => ProcedurePayload)
  async upsertProcedure(@Arg('input', () => ProcedureInput) input: ProcedureInput, @Ctx() ctx: Context) {
    ctx.viewer.requireRole('ADMIN');
    await upsertProcedure(ctx.em, input, ctx.services.clock.now());
    return { procedure: await procedureByCode(ctx.em, input.code) };
  }

  @FieldResolver(() => ID)
  id(@Root() p: ProcedureRow): string {
    return toGlobalId('Procedure', p.id);
  }

  @FieldResolver(() => SectorType)
  async sector(@Root() p: ProcedureRow, @Ctx() ctx: Context) {
    return ctx.loaders.sectorById.load(p.sectorId);
  }

  @FieldResolver(() => [AgencyType])
  agencies(@Root() p: ProcedureRow, @Ctx() ctx: Context) {
    return ctx.loaders.agenciesByProcedure.load(p.id);
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
