import { Entity, Property } from '@mikro-orm/core';
import { BaseEntity } from './base';

/** Lĩnh vực. */
@Entity({ tableName: 'sector' })
export class Sector extends BaseEntity {
  @Property({ type: 'string', length: 40, unique: true })
  code!: string;

  @Property({ type: 'text' })
  name!: string;
}
