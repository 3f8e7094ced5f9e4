// Administration of staff accounts and their roles (quản lý cán bộ và vai trò): the accounts of the units one
// administers, a new account with its roles, and each account's roles changed. What an administrator may do is
// decided by the server (roles only in units they administer; system administrators everywhere).
import { useState, type FormEvent } from 'react';
import { api, unwrap, type ApiError } from '../api/client';
import { useI18n, type Translate } from '../i18n/i18n';
import { ErrorMessage, Loading, PageTitle, SelectField, TextField } from '../shell/parts';
import { useLoad } from '../shell/use-load';
import { useSession } from './session';

const ROLES = ['desk_officer', 'specialist', 'leader', 'administrator', 'supervisor'] as const;
type Role = (typeof ROLES)[number];
interface RoleRow {
  unitId: string;
  role: Role;
}
interface UnitOption {
  readonly id: string;
  readonly name: string;
}

export function roleLabel(t: Translate, role: string): string {
  return ROLES.includes(role as Role) ? t(`role.${role as Role}`) : role;
}

/** Role rows: a unit and a role each, added and removed. */
function RoleRows({ rows, units, onChange }: { rows: RoleRow[]; units: readonly UnitOption[]; onChange: (rows: RoleRow[]) => void }) {
  const { t } = useI18n();
  const set = (i: number, change: Partial<RoleRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  return (
    <fieldset>
      <legend>{t('staff.roles')}</legend>
      {rows.length === 0 ? <p className="muted">{t('staff.noRoles')}</p> : null}
      {rows.map((row, i) => (
        <div className="role-row" key={i}>
          <SelectField label={t('staff.unit')} labelSuffix={String(i + 1)} value={row.unitId} onChange={(e) => set(i, { unitId: e.target.value })}>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('staff.role')} labelSuffix={String(i + 1)} value={row.role} onChange={(e) => set(i, { role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(t, r)}
              </option>
            ))}
          </SelectField>
          <button type="button" className="button-danger" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            {t('staff.removeRole', { n: i + 1 })}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, { unitId: units[0]?.id ?? '', role: 'desk_officer' }])} disabled={units.length === 0}>
        {t('staff.addRole')}
      </button>
    </fieldset>
  );
}

function NewStaffForm({ units, onCreated }: { units: readonly UnitOption[]; onCreated: (username: string) => void }) {
  const { t } = useI18n();
  const [fields, setFields] = useState({ username: '', fullName: '', password: '', email: '', phone: '' });
  const [roles, setRoles] = useState<RoleRow[]>([]);
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const field = (name: keyof typeof fields) => ({ value: fields[name], onChange: (e: { target: { value: string } }) => setFields({ ...fields, [name]: e.target.value }) });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await unwrap(api.POST('/api/v1/staff', { body: { username: fields.username.trim(), fullName: fields.fullName.trim(), password: fields.password, email: fields.email.trim() || null, phone: fields.phone.trim() || null, roles } }));
      setFields({ username: '', fullName: '', password: '', email: '', phone: '' });
      setRoles([]);
      onCreated(created.username);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const invalid = (name: string) => (error?.details as { field?: string } | undefined)?.field === name ? error?.message : undefined;
  return (
    <form className="panel" aria-labelledby="new-staff-heading" onSubmit={(e) => void submit(e)}>
      <h2 id="new-staff-heading">{t('staff.newHeading')}</h2>
      <ErrorMessage error={error} />
      <TextField label={t('staff.username')} hint={t('staff.usernameHint')} required autoComplete="off" error={invalid('username')} {...field('username')} />
      <TextField label={t('staff.fullName')} required error={invalid('fullName')} {...field('fullName')} />
      <TextField label={t('staff.password')} hint={t('staff.passwordHint')} type="password" required autoComplete="new-password" error={invalid('password')} {...field('password')} />
      <TextField label={t('staff.email')} type="email" error={invalid('email')} {...field('email')} />
      <TextField label={t('staff.phone')} type="tel" error={invalid('phone')} {...field('phone')} />
      <RoleRows rows={roles} units={units} onChange={setRoles} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('staff.create')}
        </button>
      </div>
    </form>
  );
}

export function StaffPage() {
  const { t } = useI18n();
  const { me } = useSession();
  // Names for every role shown; the choices only where this administrator may give roles (their subtrees).
  const unitList = useLoad(() => unwrap(api.GET('/api/v1/units', { params: { query: { limit: 500, offset: 0 } } })), []);
  const administered = [...new Set(me.roles.filter((r) => r.role === 'administrator').map((r) => r.unitId))];
  const reach = useLoad(
    () => (me.isSystemAdmin ? Promise.resolve(null) : Promise.all(administered.map((id) => unwrap(api.GET('/api/v1/units/{id}/subtree', { params: { path: { id }, query: {} } })))).then((trees) => new Set(trees.flatMap((tree) => tree.items.map((u) => u.id))))),
    [me.id],
  );
  const byName = (a: UnitOption, b: UnitOption) => a.name.localeCompare(b.name, 'vi');
  const allUnits: UnitOption[] = (unitList.data?.items ?? []).map((u) => ({ id: u.id, name: u.name }));
  const units = allUnits.filter((u) => reach.data === null || reach.data?.has(u.id)).sort(byName);
  const unitName = (id: string) => allUnits.find((u) => u.id === id)?.name ?? id;
  const staff = useLoad(() => unwrap(api.GET('/api/v1/staff', { params: { query: { limit: 500, offset: 0 } } })), []);
  const [editing, setEditing] = useState<{ id: string; roles: RoleRow[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<ApiError | undefined>();
  const [confirming, setConfirming] = useState<{ id: string; name: string; disable: boolean } | null>(null);
  const [switchError, setSwitchError] = useState<ApiError | undefined>();

  /** Disables or enables the account being confirmed; disabling ends its sessions at once (the server says how many). */
  const switchAccount = async () => {
    if (!confirming) return;
    setSwitchError(undefined);
    const { id, name, disable } = confirming;
    try {
      const path = { params: { path: { id } } };
      const result = await unwrap(disable ? api.POST('/api/v1/staff/{id}/disable', path) : api.POST('/api/v1/staff/{id}/enable', path));
      setConfirming(null);
      setNotice(disable ? t('staff.disabledNotice', { name, n: result.sessionsEnded }) : t('staff.enabledNotice', { name }));
      staff.reload();
    } catch (e) {
      setSwitchError(e as ApiError);
    }
  };

  const saveRoles = async () => {
    if (!editing) return;
    setSaveError(undefined);
    try {
      const saved = await unwrap(api.PUT('/api/v1/staff/{id}/roles', { params: { path: { id: editing.id } }, body: { roles: editing.roles } }));
      setEditing(null);
      setNotice(t('staff.rolesSaved', { name: saved.fullName }));
      staff.reload();
    } catch (e) {
      setSaveError(e as ApiError);
    }
  };

  return (
    <>
      <PageTitle title={t('staff.title')}>{t('staff.title')}</PageTitle>
      <p className="muted">{t('staff.lead')}</p>
      {notice ? (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorMessage error={staff.error ?? unitList.error} />
      {staff.loading && !staff.data ? <Loading /> : null}
      {staff.data ? (
        <div className="table-wrap" role="region" aria-label={t('staff.listLabel')} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('staff.fullName')}</th>
                <th scope="col">{t('staff.username')}</th>
                <th scope="col">{t('staff.roles')}</th>
                <th scope="col">{t('staff.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('staff.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {staff.data.items.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.fullName}</th>
                  <td>{s.username}</td>
                  <td>
                    {s.isSystemAdmin ? <span className="badge badge-full_online">{t('staff.systemAdmin')}</span> : null}
                    <ul className="plain-list">
                      {s.roles.map((r) => (
                        <li key={`${r.unitId}:${r.role}`}>
                          {roleLabel(t, r.role)} — {unitName(r.unitId)}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{s.disabled ? <span className="badge badge-disabled">{t('staff.disabled')}</span> : t('staff.active')}</td>
                  <td>
                    <div className="row-actions">
                      <button type="button" onClick={() => (setEditing({ id: s.id, roles: s.roles.map((r) => ({ unitId: r.unitId, role: r.role })) }), setNotice(null))} aria-label={t('staff.editRolesOf', { name: s.fullName })}>
                        {t('staff.editRoles')}
                      </button>
                      {s.id === me.id ? null : (
                        <button
                          type="button"
                          className={s.disabled ? undefined : 'button-danger'}
                          onClick={() => (setConfirming({ id: s.id, name: s.fullName, disable: !s.disabled }), setNotice(null), setSwitchError(undefined))}
                          aria-label={t(s.disabled ? 'staff.enableOf' : 'staff.disableOf', { name: s.fullName })}
                        >
                          {t(s.disabled ? 'staff.enable' : 'staff.disable')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {confirming ? (
        <section className="panel panel-confirm" role="alertdialog" aria-labelledby="confirm-switch-heading" aria-describedby="confirm-switch-text">
          <h2 id="confirm-switch-heading">{t(confirming.disable ? 'staff.disableOf' : 'staff.enableOf', { name: confirming.name })}</h2>
          <p id="confirm-switch-text">{t(confirming.disable ? 'staff.confirmDisable' : 'staff.confirmEnable', { name: confirming.name })}</p>
          <ErrorMessage error={switchError} />
          <div className="actions">
            <button type="button" className={confirming.disable ? 'button-danger' : 'button-primary'} onClick={() => void switchAccount()} autoFocus>
              {t(confirming.disable ? 'staff.disable' : 'staff.enable')}
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              {t('staff.cancel')}
            </button>
          </div>
        </section>
      ) : null}
      {editing ? (
        <form className="panel" aria-labelledby="edit-roles-heading" onSubmit={(e) => (e.preventDefault(), void saveRoles())}>
          <h2 id="edit-roles-heading">{t('staff.editRolesOf', { name: staff.data?.items.find((s) => s.id === editing.id)?.fullName ?? '' })}</h2>
          <ErrorMessage error={saveError} />
          <RoleRows rows={editing.roles} units={units} onChange={(roles) => setEditing({ ...editing, roles })} />
          <div className="actions">
            <button type="submit" className="button-primary">
              {t('staff.saveRoles')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('staff.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      <NewStaffForm units={units} onCreated={(username) => (setNotice(t('staff.created', { username })), staff.reload())} />
    </>
  );
}
