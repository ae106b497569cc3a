import { z } from 'zod';

/**
 * agent: 代办员, belongs to a village. clerk: 窗口工作人员, belongs to a township and one or more windows.
 * admin: administers a township.
 */
export const roleSchema = z.enum(['agent', 'clerk', 'admin']);
export type Role = z.infer<typeof roleSchema>;

/** Who may call a route: signed-in roles, or anyone ('public'). */
export type RouteAccess = readonly Role[] | 'public';
