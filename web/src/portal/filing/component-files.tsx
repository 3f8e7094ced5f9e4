// The files of one component of the dossier (a photo or a PDF of the document): two ways to add one —
// "Take a photo" opens the phone's camera (capture), "Choose a file" opens the picker, where a PDF or a
// photo already taken can be chosen (capture would skip the picker on Android) — the upload's progress and
// any refusal in words, and the files uploaded with a button to remove each.
import { useId, useState, type ChangeEvent } from 'react';
import { ApiError } from '../../api/client';
import { formatFileSize, useI18n } from '../../i18n/i18n';
import { removeFile, uploadFile, type CitizenFile, type StoredDraft } from './filing-draft';

interface Props {
  readonly draft: StoredDraft;
  readonly componentCode: string;
  readonly componentName: string;
  readonly files: readonly CitizenFile[];
  readonly onAdded: (file: CitizenFile) => void;
  readonly onRemoved: (fileId: string) => void;
}

export function ComponentFiles({ draft, componentCode, componentName, files, onAdded, onRemoved }: Props) {
  const { t, lang } = useI18n();
  const id = useId();
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);

  const messageOf = (error: unknown) => (error instanceof ApiError ? (error.code === 'NETWORK' ? t('error.network') : error.message || t('error.unexpected')) : t('error.unexpected'));

  const add = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(event.target.files ?? [])];
    event.target.value = ''; // the same file can be chosen again after a refusal
    setProblem(null);
    for (const file of chosen) {
      setProgress({ name: file.name, fraction: 0 });
      try {
        onAdded(await uploadFile(draft, componentCode, file, (fraction) => setProgress({ name: file.name, fraction })));
      } catch (error) {
        setProblem(t('upload.refused', { name: file.name, reason: messageOf(error) }));
        break;
      } finally {
        setProgress(null);
      }
    }
  };

  const remove = async (file: CitizenFile) => {
    setProblem(null);
    setRemoving(file.id);
    try {
      await removeFile(draft, file.id);
      onRemoved(file.id);
    } catch (error) {
      setProblem(t('upload.removeFailed', { name: file.fileName, reason: messageOf(error) }));
    } finally {
      setRemoving(null);
    }
  };

  const busy = progress !== null;
  return (
    <div className="component-files">
      {files.length > 0 ? (
        <ul className="file-list" aria-label={t('upload.filesOf', { name: componentName })}>
          {files.map((f) => (
            <li key={f.id}>
              <span className="file-name">{f.fileName}</span> <span className="meta">({formatFileSize(f.size, lang)})</span>
              <button type="button" className="button-danger button-small" onClick={() => void remove(f)} disabled={removing === f.id} aria-label={t('upload.removeNamed', { name: f.fileName })}>
                {t('upload.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="file-buttons">
        <span className="file-button">
          <input className="visually-hidden" type="file" id={`${id}-camera`} accept="image/*" capture="environment" disabled={busy} onChange={(e) => void add(e)} aria-describedby={`${id}-hint`} />
          <label htmlFor={`${id}-camera`} className="button">
            {t('upload.takePhoto')}
            <span className="visually-hidden"> — {componentName}</span>
          </label>
        </span>
        <span className="file-button">
          <input className="visually-hidden" type="file" id={`${id}-file`} accept="image/*,application/pdf" multiple disabled={busy} onChange={(e) => void add(e)} aria-describedby={`${id}-hint`} />
          <label htmlFor={`${id}-file`} className="button">
            {t('upload.chooseFile')}
            <span className="visually-hidden"> — {componentName}</span>
          </label>
        </span>
      </div>
      <p className="hint" id={`${id}-hint`}>
        {t('upload.hint')}
      </p>
      <div role="status" aria-live="polite">
        {progress ? (
          <p className="upload-progress">
            <label htmlFor={`${id}-progress`}>{t('upload.uploading', { name: progress.name, percent: Math.round(progress.fraction * 100) })}</label>
            <progress id={`${id}-progress`} max={100} value={Math.round(progress.fraction * 100)} />
          </p>
        ) : null}
      </div>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
