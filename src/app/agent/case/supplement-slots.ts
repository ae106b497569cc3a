/**
 * The 补正 screen's slots: one per item of the clerk's notice, in the notice's order, and nothing
 * else — a photo slot for each requested material, the signature pad when the 委托书 is requested.
 * The first submission's materials get no slot: they were sent and cannot be changed.
 */
import { SIGNATURE_MATERIAL_KEY, type SupplementRequest } from '../../../domain/case-lifecycle';
import type { Material, ServiceItem } from '../../../domain/catalogue';
import { requestedItemName } from '../sync-text';

export type SupplementSlot =
  { kind: 'material'; material: Material; note: string } | { kind: 'signature'; name: string; note: string };

/** The slots `request` opens on a case of `item` (the item version the case was submitted under). */
export function supplementSlots(item: Pick<ServiceItem, 'materials'>, request: SupplementRequest): SupplementSlot[] {
  return request.items.map((requested): SupplementSlot => {
    if (requested.materialKey === SIGNATURE_MATERIAL_KEY)
      return { kind: 'signature', name: requestedItemName(requested), note: requested.note };
    // A material the case's item version does not list (the notice names it anyway): a plain slot.
    const material: Material = item.materials.find((m) => m.key === requested.materialKey) ?? {
      key: requested.materialKey,
      name: requestedItemName(requested),
      issuer: '',
      originals: 0,
      copies: 0,
      requirement: 'required',
      expectedPages: 1,
    };
    return { kind: 'material', material, note: requested.note };
  });
}
