import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { renameSchema, villageCreateSchema, type Rename, type VillageCreate } from '../../../domain/admin';
import { createPlace, fetchVillages, fetchWindows, renamePlace, type PlaceKind } from '../../../device/sync-admin';
import { BusyButton } from '../../components/BusyButton';
import { EmptyState } from '../../components/EmptyState';
import { describeError } from '../../messages/describe-error';
import { zhCN } from '../../messages/zh-cn';
import { FormField } from '../FormField';
import { LoadFailed } from '../LoadFailed';
import { problemText, refusalOf } from './admin-form';
import { useAdminList } from './use-admin-list';

const t = zhCN.admin;
const createResolver = zodResolver(villageCreateSchema);
const renameResolver = zodResolver(renameSchema);

type Place = { id: string; code: string; name: string; count: number };

const loaders = {
  villages: async (signal: AbortSignal): Promise<Place[]> =>
    (await fetchVillages(signal)).map((v) => ({ id: v.id, code: v.code, name: v.name, count: v.agents })),
  windows: async (signal: AbortSignal): Promise<Place[]> =>
    (await fetchWindows(signal)).map((w) => ({ id: w.id, code: w.code, name: w.name, count: w.clerks })),
};

/** 村 or 窗口: the township's list, an add form, and 改名 on each row. */
export function PlacesPanel({ kind }: { kind: PlaceKind }) {
  const text = t.places[kind];
  const list = useAdminList(loaders[kind]);
  const [renaming, setRenaming] = useState<string | null>(null);

  let body;
  if (list.failure !== null && list.data === null) {
    body = <LoadFailed title={t.loadFailed} message={describeError(list.failure)} onRetry={list.reload} heading="h2" />;
  } else if (list.data === null) {
    body = <p aria-busy="true">{zhCN.common.loading}</p>;
  } else if (list.data.length === 0) {
    body = <EmptyState title={text.empty} hint={text.emptyHint} />;
  } else {
    body = (
      <div className="queue-table-wrap">
        <table className="queue-table">
          <thead>
            <tr>
              <th scope="col">{t.places.code}</th>
              <th scope="col">{t.places.name}</th>
              <th scope="col">{text.heading}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {list.data.map((place) => (
              <tr key={place.id}>
                <td>{place.code}</td>
                <td>
                  {renaming === place.id ? (
                    <RenameForm
                      kind={kind}
                      place={place}
                      onDone={() => {
                        setRenaming(null);
                        list.reload();
                      }}
                      onCancel={() => {
                        setRenaming(null);
                      }}
                    />
                  ) : (
                    place.name
                  )}
                </td>
                <td>{text.count(place.count)}</td>
                <td>
                  {renaming !== place.id && (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => {
                        setRenaming(place.id);
                      }}
                    >
                      {t.rename}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <section className="admin__panel" aria-label={text.heading}>
      {body}
      <CreateForm kind={kind} onCreated={list.reload} />
    </section>
  );
}

function CreateForm({ kind, onCreated }: { kind: PlaceKind; onCreated: () => void }) {
  const text = t.places[kind];
  const form = useForm<VillageCreate>({
    resolver: createResolver,
    defaultValues: { code: '', name: '' },
    mode: 'onTouched',
  });
  const [failure, setFailure] = useState<string | null>(null);
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (input) => {
    setFailure(null);
    try {
      await createPlace(kind, input);
      form.reset({ code: '', name: '' });
      onCreated();
    } catch (error) {
      const refusal = refusalOf(error, ['code', 'name']);
      if (refusal.field === 'code' || refusal.field === 'name') {
        form.setError(refusal.field, { type: 'server', message: refusal.message });
      } else setFailure(refusal.message);
    }
  });
  return (
    <form className="card form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <h2 className="card__title">{text.add}</h2>
      <FormField id={`${kind}-code`} label={t.places.code} hint={t.places.codeHint} error={problemText(errors.code)}>
        {(aria) => <input className="field__input" autoComplete="off" {...aria} {...form.register('code')} />}
      </FormField>
      <FormField id={`${kind}-name`} label={t.places.name} error={problemText(errors.name)}>
        {(aria) => <input className="field__input" autoComplete="off" {...aria} {...form.register('name')} />}
      </FormField>
      <BusyButton busy={isSubmitting} error={failure} label={text.add} busyLabel={t.saving} block={false} />
    </form>
  );
}

function RenameForm(props: { kind: PlaceKind; place: Place; onDone: () => void; onCancel: () => void }) {
  const { kind, place, onDone, onCancel } = props;
  const form = useForm<Rename>({ resolver: renameResolver, defaultValues: { name: place.name } });
  const [failure, setFailure] = useState<string | null>(null);
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async ({ name }) => {
    setFailure(null);
    try {
      await renamePlace(kind, place.id, name);
      onDone();
    } catch (error) {
      setFailure(refusalOf(error, ['name']).message);
    }
  });
  return (
    <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <FormField
        id={`rename-${place.id}`}
        label={t.places.name}
        error={problemText(errors.name) ?? failure ?? undefined}
      >
        {(aria) => <input className="field__input" autoComplete="off" {...aria} {...form.register('name')} />}
      </FormField>
      <div className="admin__row-actions">
        <button type="submit" className="button button--primary button--small" disabled={isSubmitting}>
          {t.save}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
