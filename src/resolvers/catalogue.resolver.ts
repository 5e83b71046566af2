import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Agency, Procedure } from '../entities';
import {
  AgencyType,
  DossierComponentSpecType,
  FeeType,
  ProcedureConnection,
  ProcedureFilterInput,
  ProcedureInput,
  ProcedurePayload,
  ProcedureType,
  SectorType,
} from '../schema/catalogue.types';
import { AdministrativeLevelEnum } from '../schema/enums';
import { toGlobalId } from '../schema/global-id';
import { findAgencies, findProcedures } from '../queries/catalogue.queries';
import { upsertProcedure } from '../commands/upsert-procedure.command';
import type { AdministrativeLevel } from '../domain/catalogue';

@Resolver(() => ProcedureType)
export class ProcedureResolver {
  @Query(() => ProcedureType, { nullable: true })
  async procedure(@Arg('code', () => String) code: string, @Ctx() ctx: Context): Promise<Procedure | null> {
    return ctx.em.findOne(Procedure, { code });
  }

  @Query(() => ProcedureConnection)
  async procedures(
    @Ctx() ctx: Context,
    @Arg('filter', () => ProcedureFilterInput, { nullable: true }) filter: ProcedureFilterInput | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return findProcedures(ctx.em, filter, { first, after }, ctx.services.config.PAGE_MAX);
  }

  @Mutation(() => ProcedurePayload)
  async upsertProcedure(@Arg('input', () => ProcedureInput) input: ProcedureInput, @Ctx() ctx: Context) {
    ctx.viewer.requireRole('ADMIN');
    const { procedure } = await upsertProcedure(ctx.em, input, ctx.services.clock.now());
    return { procedure };
  }

  @FieldResolver(() => ID)
  id(@Root() p: Procedure): string {
    return toGlobalId('Procedure', p.id);
  }

  @FieldResolver(() => SectorType)
  async sector(@Root() p: Procedure, @Ctx() ctx: Context) {
    return ctx.loaders.sectorById.load(p.sector.id);
  }

  @FieldResolver(() => [AgencyType])
  agencies(@Root() p: Procedure, @Ctx() ctx: Context) {
    return ctx.loaders.procedureAgencies.load(p);
  }

  @FieldResolver(() => [FeeType])
  fees(@Root() p: Procedure, @Ctx() ctx: Context) {
    return ctx.loaders.procedureFees.load(p);
  }

  @FieldResolver(() => [DossierComponentSpecType])
  components(@Root() p: Procedure, @Ctx() ctx: Context) {
    return ctx.loaders.procedureComponents.load(p);
  }
}

@Resolver(() => AgencyType)
export class AgencyResolver {
  @Query(() => [AgencyType])
  agencies(
    @Ctx() ctx: Context,
    @Arg('level', () => AdministrativeLevelEnum, { nullable: true }) level: AdministrativeLevel | null,
    @Arg('parentCode', () => String, { nullable: true }) parentCode: string | null,
  ): Promise<Agency[]> {
    return findAgencies(ctx.em, { level, parentCode });
  }

  @FieldResolver(() => ID)
  id(@Root() a: Agency): string {
    return toGlobalId('Agency', a.id);
  }

  @FieldResolver(() => AgencyType, { nullable: true })
  async parent(@Root() a: Agency, @Ctx() ctx: Context) {
    return a.parent ? ctx.loaders.agencyById.load(a.parent.id) : null;
  }
}
