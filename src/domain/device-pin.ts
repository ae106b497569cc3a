/** The phone's unlock PIN: exactly six digits (checked on the phone only; never sent anywhere). */
import { z } from 'zod';

export const devicePinSchema = z.string().regex(/^\d{6}$/);

export type DevicePin = z.infer<typeof devicePinSchema>;
