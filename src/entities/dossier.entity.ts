import { Entity, ManyToOne, Property, type Opt, type Ref } from '@mikro-orm/core';
import { BaseEntity } from './base';
import { Agency } from './agency.entity';
import { Procedure } from './procedure.entity';
import type { FeeData, SubmissionChannel } from '../domain/catalogue';
import type { DossierStatus, LoggedAction, Role } from '../domain/dossier-machine';
import type { ApplicantKind, DeliveryMethod, DossierResultData, IdentityVerification } from '../domain/dossier';
import type { StoredComponent } from '../domain/components';
import type { DossierStepState } from '../domain/workflow';

/** As stored; rows from before versions lack the newer fields (normalizeStored reads them). */
export type SubmittedComponentData = StoredComponent;

export type { DossierResultData };

/** Hồ sơ: one application for one procedure at one agency. */
@Entity({ tableName: 'dossier' })
export class Dossier extends BaseEntity {
  /** <agency code>-<YYMMDD>-<NNNN> */
  @Property({ type: 'string', length: 60, unique: true })
  code!: string;

  @ManyToOne(() => Procedure, { ref: true, fieldName: 'procedure_id' })
  procedure!: Ref<Procedure>;

  /** Where it was received (the one-stop desk that delivers the result). */
  @ManyToOne(() => Agency, { ref: true, fieldName: 'agency_id' })
  agency!: Ref<Agency>;

  /** Where it is handled now: the receiving agency until a TRANSFER (liên thông). Set by the database on insert. */
  @ManyToOne(() => Agency, { ref: true, fieldName: 'handling_agency_id', nullable: true })
  handlingAgency?: Ref<Agency> | null;

  /** The internal process steps it was received with (src/domain/workflow.ts), [] without. */
  @Property({ type: 'json' })
  steps: DossierStepState[] & Opt = [];

  /** Online dossiers: receive (or answer) before this instant (RECEIVE_WITHIN_MINUTES working minutes). */
  @Property({ type: 'datetime', nullable: true })
  receiveDueAt?: Date | null;

  @Property({ type: 'string', length: 10 })
  channel!: SubmissionChannel;

  @Property({ type: 'string', length: 30 })
  status!: DossierStatus;

  /** Bumped on every change; clients pass it back as expectedVersion. */
  @Property({ type: 'integer' })
  version: number & Opt = 1;

  @Property({ type: 'string', length: 20 })
  applicantKind!: ApplicantKind;
  @Property({ type: 'text' })
  applicantFullName!: string;
  @Property({ type: 'string', length: 20 })
  applicantIdentityNumber!: string;
  @Property({ type: 'date', nullable: true })
  applicantBirthDate?: string | null;
  @Property({ type: 'text', nullable: true })
  applicantPhone?: string | null;
  @Property({ type: 'text', nullable: true })
  applicantEmail?: string | null;
  @Property({ type: 'text', nullable: true })
  applicantAddress?: string | null;
  @Property({ type: 'string', length: 10 })
  applicantVerification: IdentityVerification & Opt = 'PENDING';

  @Property({ type: 'json' })
  components!: SubmittedComponentData[];
  /** Of the components, those reused from the applicant's store / electronic certified copies. */
  @Property({ type: 'integer' })
  componentsReused: number & Opt = 0;
  @Property({ type: 'integer' })
  componentsCertified: number & Opt = 0;
  /** The component codes the open supplement request asked for. */
  @Property({ type: 'json', nullable: true })
  requestedComponents?: string[] | null;
  @Property({ type: 'json', nullable: true })
  formData?: unknown;
  /** The procedure's fees when the dossier was submitted. */
  @Property({ type: 'json' })
  fees!: FeeData[];
  /** VND paid so far (payments land in a later issue; staff record counter payments). */
  @Property({ type: 'integer' })
  paidAmount: number & Opt = 0;

  @Property({ type: 'string', length: 10 })
  delivery!: DeliveryMethod;
  @Property({ type: 'text', nullable: true })
  deliveryAddress?: string | null;
  @Property({ type: 'text', nullable: true })
  postalTrackingNumber?: string | null;

  @Property({ type: 'datetime' })
  submittedAt!: Date;
  @Property({ type: 'datetime', nullable: true })
  receivedAt?: Date | null;
  /** Ngày hẹn trả. */
  @Property({ type: 'datetime', nullable: true })
  dueAt?: Date | null;
  /** While waiting for the applicant the clock is paused from this instant. */
  @Property({ type: 'datetime', nullable: true })
  pausedAt?: Date | null;
  @Property({ type: 'string', length: 30, nullable: true })
  pausedFrom?: DossierStatus | null;
  @Property({ type: 'datetime', nullable: true })
  completedAt?: Date | null;
  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null;
  @Property({ type: 'integer' })
  supplementRequests: number & Opt = 0;
  @Property({ type: 'json', nullable: true })
  result?: DossierResultData | null;

  /** Token subject of whoever submitted (the citizen, or the officer at the counter). */
  @Property({ type: 'text' })
  submittedBy!: string;
  @Property({ type: 'text', nullable: true })
  idempotencyKey?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Date & Opt = new Date();

  get totalFees(): number & Opt {
    return this.fees.reduce((a, f) => a + f.amount, 0);
  }

  get outstandingFees(): number & Opt {
    return Math.max(0, this.totalFees - this.paidAmount);
  }
}

/** One line of the processing log (phiếu kiểm soát quá trình giải quyết). Never edited. */
@Entity({ tableName: 'dossier_event' })
export class DossierEvent extends BaseEntity {
  @ManyToOne(() => Dossier, { ref: true, fieldName: 'dossier_id', deleteRule: 'cascade' })
  dossier!: Ref<Dossier>;
  @Property({ type: 'integer' })
  seq!: number;
  @Property({ type: 'datetime' })
  at!: Date;
  @Property({ type: 'string', length: 30 })
  action!: LoggedAction;
  @Property({ type: 'string', length: 30, nullable: true })
  fromStatus?: DossierStatus | null;
  @Property({ type: 'string', length: 30 })
  toStatus!: DossierStatus;
  @Property({ type: 'text' })
  actor!: string;
  @Property({ type: 'string', length: 30 })
  actorRole!: Role;
  @Property({ type: 'text', nullable: true })
  note?: string | null;
  @Property({ type: 'json', nullable: true })
  data?: Record<string, unknown> | null;
}
