import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123000001_catalogue } from './Migration20261123000001_catalogue';
import { Migration20261123000002_dossiers } from './Migration20261123000002_dossiers';
import { Migration20261123000003_outbox } from './Migration20261123000003_outbox';
import { Migration20261123000004_payments } from './Migration20261123000004_payments';
import { Migration20261123000005_feedback } from './Migration20261123000005_feedback';
import { Migration20261123000006_scorecard } from './Migration20261123000006_scorecard';
import { Migration20261123000007_dossier_fact } from './Migration20261123000007_dossier_fact';
import { Migration20261127000001_payment_refund } from './Migration20261127000001_payment_refund';
import { Migration20261130000001_catalogue_search } from './Migration20261130000001_catalogue_search';
import { Migration20261201000001_files } from './Migration20261201000001_files';
import { Migration20261204000001_dossier_files } from './Migration20261204000001_dossier_files';
import { Migration20261204000002_components } from './Migration20261204000002_components';
import { Migration20261204000010_letters } from './Migration20261204000010_letters';
import { Migration20261204000020_notifications } from './Migration20261204000020_notifications';
import { Migration20261204000030_statistics } from './Migration20261204000030_statistics';
import { Migration20261204000040_workflow } from './Migration20261204000040_workflow';
import { Migration20261204000050_accounts_audit } from './Migration20261204000050_accounts_audit';
import { Migration20261205000001_delivery_health } from './Migration20261205000001_delivery_health';
import { Migration20261205000002_dossier_list } from './Migration20261205000002_dossier_list';

/** Every migration, oldest first. Landed migrations are never edited: add a new one. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261123000001_catalogue', class: Migration20261123000001_catalogue },
  { name: 'Migration20261123000002_dossiers', class: Migration20261123000002_dossiers },
  { name: 'Migration20261123000003_outbox', class: Migration20261123000003_outbox },
  { name: 'Migration20261123000004_payments', class: Migration20261123000004_payments },
  { name: 'Migration20261123000005_feedback', class: Migration20261123000005_feedback },
  { name: 'Migration20261123000006_scorecard', class: Migration20261123000006_scorecard },
  { name: 'Migration20261123000007_dossier_fact', class: Migration20261123000007_dossier_fact },
  { name: 'Migration20261127000001_payment_refund', class: Migration20261127000001_payment_refund },
  { name: 'Migration20261130000001_catalogue_search', class: Migration20261130000001_catalogue_search },
  { name: 'Migration20261201000001_files', class: Migration20261201000001_files },
  { name: 'Migration20261204000001_dossier_files', class: Migration20261204000001_dossier_files },
  { name: 'Migration20261204000002_components', class: Migration20261204000002_components },
  { name: 'Migration20261204000010_letters', class: Migration20261204000010_letters },
  { name: 'Migration20261204000020_notifications', class: Migration20261204000020_notifications },
  { name: 'Migration20261204000030_statistics', class: Migration20261204000030_statistics },
  { name: 'Migration20261204000040_workflow', class: Migration20261204000040_workflow },
  { name: 'Migration20261204000050_accounts_audit', class: Migration20261204000050_accounts_audit },
  { name: 'Migration20261205000001_delivery_health', class: Migration20261205000001_delivery_health },
  { name: 'Migration20261205000002_dossier_list', class: Migration20261205000002_dossier_list },
];
