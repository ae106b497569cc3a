/**
 * The township administrator's calls (workbench, cookie session): villages, windows, staff
 * accounts, enrolment codes and phones. Nothing is kept on the machine.
 * Every function throws ApiRequestError or NetworkError (see sync-fetch).
 */
import { z } from 'zod';
import {
  adminUserSchema,
  deviceSchema,
  enrolmentCodeSchema,
  passwordResetSchema,
  renameSchema,
  userCreateSchema,
  userUpdateSchema,
  villageCreateSchema,
  villageSchema,
  windowSchema,
  type AdminUser,
  type Device,
  type EnrolmentCode,
  type ServiceWindow,
  type UserCreate,
  type UserUpdate,
  type Village,
  type VillageCreate,
} from '../domain/admin';
import { syncFetch } from './sync-fetch';

const created = z.object({ id: z.string() });
const noContent = z.undefined();

export type PlaceKind = 'villages' | 'windows';

export function fetchVillages(signal?: AbortSignal): Promise<Village[]> {
  return syncFetch('/api/admin/villages', { response: z.array(villageSchema), auth: 'cookie', signal });
}

export function fetchWindows(signal?: AbortSignal): Promise<ServiceWindow[]> {
  return syncFetch('/api/admin/windows', { response: z.array(windowSchema), auth: 'cookie', signal });
}

/** Adds a village or window; CONFLICT (409, field 'code') when the code is taken. */
export async function createPlace(kind: PlaceKind, input: VillageCreate): Promise<string> {
  const answer = await syncFetch(`/api/admin/${kind}`, {
    method: 'POST',
    body: villageCreateSchema.parse(input),
    response: created,
    auth: 'cookie',
  });
  return answer.id;
}

export async function renamePlace(kind: PlaceKind, id: string, name: string): Promise<void> {
  await syncFetch(`/api/admin/${kind}/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: renameSchema.parse({ name }),
    response: noContent,
    auth: 'cookie',
  });
}

export function fetchUsers(signal?: AbortSignal): Promise<AdminUser[]> {
  return syncFetch('/api/admin/users', { response: z.array(adminUserSchema), auth: 'cookie', signal });
}

/** Creates an agent or clerk; CONFLICT (409, field 'phone') when the number has an account. */
export async function createUser(input: UserCreate): Promise<string> {
  const answer = await syncFetch('/api/admin/users', {
    method: 'POST',
    body: userCreateSchema.parse(input),
    response: created,
    auth: 'cookie',
  });
  return answer.id;
}

export async function updateUser(id: string, input: UserUpdate): Promise<void> {
  await syncFetch(`/api/admin/users/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: userUpdateSchema.parse(input),
    response: noContent,
    auth: 'cookie',
  });
}

/** Disables an account: its sessions end, its phones are revoked. */
export async function disableUser(id: string): Promise<void> {
  await syncFetch(`/api/admin/users/${encodeURIComponent(id)}/disable`, {
    method: 'POST',
    response: noContent,
    auth: 'cookie',
  });
}

export async function resetPassword(id: string, password: string): Promise<void> {
  await syncFetch(`/api/admin/users/${encodeURIComponent(id)}/password`, {
    method: 'POST',
    body: passwordResetSchema.parse({ password }),
    response: noContent,
    auth: 'cookie',
  });
}

/** A one-time code (10 minutes) that enrols the agent's phone; its `url` goes into the QR code. */
export function issueEnrolmentCode(userId: string): Promise<EnrolmentCode> {
  return syncFetch(`/api/admin/users/${encodeURIComponent(userId)}/enrolment-codes`, {
    method: 'POST',
    response: enrolmentCodeSchema,
    auth: 'cookie',
  });
}

export function fetchDevices(signal?: AbortSignal): Promise<Device[]> {
  return syncFetch('/api/admin/devices', { response: z.array(deviceSchema), auth: 'cookie', signal });
}

/** Revokes a phone: refused at once except to hand in unsent work, then it wipes itself. */
export function revokeDevice(id: string): Promise<Device> {
  return syncFetch(`/api/admin/devices/${encodeURIComponent(id)}/revoke`, {
    method: 'POST',
    response: deviceSchema,
    auth: 'cookie',
  });
}
