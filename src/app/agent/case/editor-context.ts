import type { ServiceItem } from '../../../domain/catalogue';
import type { CaseRecord } from '../../../device/case-repository';
import type { StoredSession } from '../../../device/session-repository';
import type { SaveState } from './use-autosave';

/** What every editor step gets: the live case, its item version, the agent, and the save indicator. */
export type StepProps = {
  record: CaseRecord;
  item: ServiceItem;
  session: StoredSession;
  onSaveState: (state: SaveState) => void;
};
