import { Collection, Entity, ManyToMany, ManyToOne, Property, type Opt, type Ref } from '@mikro-orm/core';
import { BaseEntity } from './base';
import { Agency } from './agency.entity';
import { Sector } from './sector.entity';
import type {
  AdministrativeLevel,
  ComponentSpecData,
  FeeData,
  LegalBasisData,
  OnlineServiceLevel,
  SubmissionChannel,
} from '../domain/catalogue';

/** Thủ tục hành chính. */
@Entity({ tableName: 'procedure' })
export class Procedure extends BaseEntity {
  /** Mã TTHC. */
  @Property({ type: 'string', length: 60, unique: true })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  /** name + code folded to lower case without diacritics, for search. */
  @Property({ type: 'text' })
  searchText!: string;

  @ManyToOne(() => Sector, { ref: true, fieldName: 'sector_id' })
  sector!: Ref<Sector>;

  @Property({ type: 'string', length: 10 })
  level!: AdministrativeLevel;

  @Property({ type: 'string', length: 20 })
  serviceLevel!: OnlineServiceLevel;

  @ManyToMany(() => Agency, undefined, {
    pivotTable: 'procedure_agency',
    joinColumn: 'procedure_id',
    inverseJoinColumn: 'agency_id',
  })
  agencies = new Collection<Agency>(this);

  @Property({ type: 'json' })
  steps!: string[];

  @Property({ type: 'json' })
  channels!: SubmissionChannel[];

  /** Thành phần hồ sơ, in order (values owned by the procedure). */
  @Property({ type: 'json' })
  components: ComponentSpecData[] = [];

  @Property({ type: 'double' })
  processingWorkingDays!: number;

  @Property({ type: 'json' })
  targetSubjects!: string[];

  @Property({ type: 'text' })
  resultDescription!: string;

  @Property({ type: 'text', nullable: true })
  requirements?: string | null;

  /** Phí, lệ phí, in order (values owned by the procedure). */
  @Property({ type: 'json' })
  fees: FeeData[] = [];

  @Property({ type: 'json' })
  legalBases!: LegalBasisData[];

  @Property({ type: 'text', nullable: true })
  location?: string | null;

  @Property({ type: 'date', nullable: true })
  publishedAt?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date & Opt = new Date();
}
