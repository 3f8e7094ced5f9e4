// Import of a units file (CSV or Excel; all rows or none), first as a dry run if asked: the server counts the
// units it would create, update and leave unchanged.
import { useState, type FormEvent } from 'react';
import { unwrap, type ApiError, type ApiResponse } from '../../api/client';
import { currentLang, useI18n } from '../../i18n/i18n';
import { ErrorMessage } from '../../shell/parts';

type ImportResult = ApiResponse<'/api/v1/units/import', 'post'>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The file is the request body (the generated client has no raw-body form for this route). */
async function postUnitsFile(file: File, dryRun: boolean): Promise<ImportResult> {
  const type = file.name.toLowerCase().endsWith('.xlsx') ? XLSX : 'text/csv';
  const call = fetch(`/api/v1/units/import?dryRun=${dryRun}`, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': type, 'Accept-Language': currentLang() }, body: file }).then(async (response) => {
    const json: unknown = await response.json().catch(() => ({}));
    return response.ok ? { data: json as ImportResult, response } : { error: json, response };
  });
  return unwrap(call);
}

export function UnitImportForm({ onImported }: { onImported: (message: string) => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await postUnitsFile(file, dryRun);
      onImported(t(result.dryRun ? 'unitsAdmin.importChecked' : 'unitsAdmin.imported', { created: result.created, updated: result.updated, unchanged: result.unchanged }));
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel" aria-labelledby="unit-import-heading" onSubmit={(e) => void submit(e)}>
      <h2 id="unit-import-heading">{t('unitsAdmin.importHeading')}</h2>
      <p className="hint" id="unit-import-hint">
        {t('unitsAdmin.importHint')}
      </p>
      <ErrorMessage error={error} />
      <div className="field">
        <label htmlFor="unit-import-file">{t('unitsAdmin.importFile')}</label>
        <input id="unit-import-file" type="file" accept=".csv,.xlsx,text/csv" aria-describedby="unit-import-hint" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
      </div>
      <div className="choice">
        <input id="unit-import-dry" type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.currentTarget.checked)} />
        <label htmlFor="unit-import-dry">{t('unitsAdmin.importDryRun')}</label>
      </div>
      <div className="actions">
        <button type="submit" disabled={busy || !file}>
          {t('unitsAdmin.import')}
        </button>
      </div>
    </form>
  );
}
