import { useEffect, useState } from 'react';
import { fetchWorkbenchCatalogue } from '../../device/sync-workbench';

export type ItemChoice = { code: string; name: string };

let cached: Promise<ItemChoice[]> | null = null;

function loadItems(): Promise<ItemChoice[]> {
  cached ??= fetchWorkbenchCatalogue().then(
    (catalogue) =>
      catalogue.items
        .map((item) => ({ code: item.code, name: item.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    (error: unknown) => {
      cached = null;
      throw error;
    },
  );
  return cached;
}

/**
 * The catalogue's items for the queue's item filter, loaded once per page. Empty until loaded, and
 * when the catalogue cannot be loaded: the filter then offers only 全部事项 (and keeps a chosen item).
 */
export function useCatalogueItems(): ItemChoice[] {
  const [items, setItems] = useState<ItemChoice[]>([]);
  useEffect(() => {
    let current = true;
    loadItems().then(
      (loadedItems) => {
        if (current) setItems(loadedItems);
      },
      () => {
        // The item filter is a convenience: the queue works without it.
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return items;
}
