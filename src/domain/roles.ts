import { z } from 'zod';

/**
 * agent: 代办员, belongs to a village. clerk: 窗口工作人员, belongs to a township and one or more windows.
 * admin: administers a township. county_admin: 县级管理员, belongs to a county (not a township) and
 * sees the statistics of every township of the county — never a case, a name or a phone.
 */
export const roleSchema = z.enum(['agent', 'clerk', 'admin', 'county_admin']);
export type Role = z.infer<typeof roleSchema>;

/** The roles that belong to one township. */
export type TownshipRole = Exclude<Role, 'county_admin'>;

/** Who may call a route: signed-in roles, or anyone ('public'). */
export type RouteAccess = readonly Role[] | 'public';
