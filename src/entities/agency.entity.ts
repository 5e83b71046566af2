import { Entity, ManyToOne, Property, type Opt, type Ref } from '@mikro-orm/core';
import { BaseEntity } from './base';
import type { AdministrativeLevel } from '../domain/catalogue';

/** Cơ quan, đơn vị: a department, district or commune People's Committee. */
@Entity({ tableName: 'agency' })
export class Agency extends BaseEntity {
  /** Mã định danh đơn vị, e.g. 000.00.15.H22. */
  @Property({ type: 'string', length: 40, unique: true })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'string', length: 10 })
  level!: AdministrativeLevel;

  @ManyToOne(() => Agency, { nullable: true, ref: true, fieldName: 'parent_id' })
  parent?: Ref<Agency> | null;

  @Property({ type: 'text', nullable: true })
  oneStopPhone?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();
}
