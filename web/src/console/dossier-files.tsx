// The files of a dossier for staff: the citizen's or the desk's scans of each component, electronic
// results and the signed copies of issued forms, each a download link (the session cookie opens it).
import type { ApiResponse } from '../api/client';
import { api, unwrap } from '../api/client';
import { formatDateTime, formatFileSize, useI18n } from '../i18n/i18n';
import { ErrorMessage } from '../shell/parts';
import { useLoad } from '../shell/use-load';

type Dossier = ApiResponse<'/api/v1/dossiers/{id}', 'get'>;

export function DossierFiles({ dossier, round }: { dossier: Dossier; round: string }) {
  const { t, lang } = useI18n();
  const files = useLoad(() => unwrap(api.GET('/api/v1/dossiers/{id}/attachments', { params: { path: { id: dossier.id } } })), [dossier.id, round]);
  const componentOf = (fileId: string) => dossier.components.find((c) => c.attachmentIds.includes(fileId))?.name;
  const what = (file: { id: string; kind: string }) => componentOf(file.id) ?? (file.kind === 'result' ? t('files.result') : file.kind === 'issued_document' ? t('files.issued') : t('files.upload'));
  return (
    <section aria-labelledby="files-heading">
      <h2 id="files-heading">{t('files.title')}</h2>
      <ErrorMessage error={files.error} />
      {files.data && files.data.items.length > 0 ? (
        <ul className="file-list">
          {files.data.items.map((f) => (
            <li key={f.id}>
              <a className="file-name" href={`/api/v1/dossiers/${dossier.id}/attachments/${f.id}`} download={f.fileName}>
                {f.fileName}
              </a>
              <span className="meta">
                {what(f)} · {formatFileSize(f.size, lang)} · {formatDateTime(f.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      ) : files.data ? (
        <p className="muted">{t('files.none')}</p>
      ) : null}
    </section>
  );
}
