import { registerEnumType } from 'type-graphql';
import { ADMINISTRATIVE_LEVELS, FEE_KINDS, ONLINE_SERVICE_LEVELS, SUBMISSION_CHANNELS } from '../domain/catalogue';
import { ROLES } from '../auth/roles';

/** { A: 'A', B: 'B' } from ['A', 'B']: the shape type-graphql registers as a GraphQL enum. */
export function enumObject<const T extends readonly string[]>(values: T): { [K in T[number]]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };
}

export const AdministrativeLevelEnum = enumObject(ADMINISTRATIVE_LEVELS);
registerEnumType(AdministrativeLevelEnum, { name: 'AdministrativeLevel' });

export const OnlineServiceLevelEnum = enumObject(ONLINE_SERVICE_LEVELS);
registerEnumType(OnlineServiceLevelEnum, {
  name: 'OnlineServiceLevel',
  description: 'ND 42/2022: toàn trình / một phần; the old levels 4 and 3 map to the first two.',
});

export const SubmissionChannelEnum = enumObject(SUBMISSION_CHANNELS);
registerEnumType(SubmissionChannelEnum, {
  name: 'SubmissionChannel',
  description: 'Kênh thực hiện: 1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích.',
});

export const FeeKindEnum = enumObject(FEE_KINDS);
registerEnumType(FeeKindEnum, { name: 'FeeKind', description: 'Phí / lệ phí.' });

export const RoleEnum = enumObject(ROLES);
registerEnumType(RoleEnum, { name: 'Role' });
