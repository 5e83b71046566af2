export { ROLES, STAFF_ROLES, PROVINCE_ROLES, isRole, isStaffRole, isProvinceRole, type Role } from '../domain/roles';
