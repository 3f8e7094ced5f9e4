// Units administration (quản trị cơ quan, đơn vị): the tree of units in force today (province → departments,
// communes and their desks), one unit chosen to edit its names and identifier, move it under another parent
// from a date, delete it (the server refuses a unit with staff, dossiers or sub-units: its message is shown),
// or create a unit under it; and a units file imported. What the signed-in user may do with a unit comes
// from the server with the unit (permissions), so the page never re-derives the rules.
import { useState } from 'react';
import { api, unwrap, type components } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ErrorMessage, Loading, PageTitle } from '../../shell/parts';
import { useLoad } from '../../shell/use-load';
import { useSession } from '../session';
import { UnitImportForm } from './unit-import-form';
import { CreateUnitForm, UnitPanel } from './unit-panel';

export type Unit = components['schemas']['Unit'];

interface TreeNode {
  readonly unit: Unit;
  readonly children: TreeNode[];
}

function buildTree(units: readonly Unit[]): TreeNode[] {
  const byName = (a: TreeNode, b: TreeNode) => a.unit.name.localeCompare(b.unit.name, 'vi');
  const nodes = new Map(units.map((u) => [u.id, { unit: u, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  for (const node of nodes.values()) node.children.sort(byName);
  return roots.sort(byName);
}

function UnitTree({ nodes, selected, onSelect }: { nodes: readonly TreeNode[]; selected: string | null; onSelect: (id: string) => void }) {
  const { t } = useI18n();
  return (
    <ul className="unit-tree">
      {nodes.map(({ unit, children }) => (
        <li key={unit.id}>
          <button type="button" className="unit-node" aria-pressed={selected === unit.id} onClick={() => onSelect(unit.id)}>
            <span className="unit-name">{unit.name}</span>
            <span className="unit-meta">
              {unit.code} · {t(`unitType.${unit.type}`)}
            </span>
          </button>
          {children.length > 0 ? <UnitTree nodes={children} selected={selected} onSelect={onSelect} /> : null}
        </li>
      ))}
    </ul>
  );
}

export function UnitsAdminPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const [creatingRoot, setCreatingRoot] = useState(false);
  const units = useLoad(() => unwrap(api.GET('/api/v1/units', { params: { query: { limit: 500, offset: 0 } } })), []);
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Bumped after each change, so the chosen unit is read again (its new version) and its forms start afresh.
  const [round, setRound] = useState(0);
  const all = units.data?.items ?? [];
  const done = (message: string, select: string | null) => {
    setNotice(message);
    setSelected(select);
    setRound((r) => r + 1);
    units.reload();
  };

  return (
    <>
      <PageTitle title={t('unitsAdmin.title')}>{t('unitsAdmin.title')}</PageTitle>
      <p className="muted">{t('unitsAdmin.lead')}</p>
      {notice ? (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorMessage error={units.error} />
      <div className="two-columns">
        <section aria-labelledby="unit-tree-heading">
          <h2 id="unit-tree-heading">{t('unitsAdmin.treeHeading', { n: all.length })}</h2>
          {units.loading && !units.data ? <Loading /> : null}
          {units.data ? (
            <div className="unit-tree-wrap">
              <UnitTree nodes={buildTree(all)} selected={selected} onSelect={(id) => (setSelected(id), setNotice(null))} />
            </div>
          ) : null}
        </section>
        <div>
          {selected ? (
            <UnitPanel key={`${selected}-${round}`} id={selected} units={all} onDone={done} />
          ) : (
            <p className="muted unit-hint">{t('unitsAdmin.chooseHint')}</p>
          )}
          <UnitImportForm onImported={(message) => done(message, selected)} />
          {me.isSystemAdmin ? (
            creatingRoot ? (
              <CreateUnitForm parent={null} onDone={(message, id) => (setCreatingRoot(false), done(message, id))} />
            ) : (
              <div className="actions">
                <button type="button" onClick={() => setCreatingRoot(true)}>
                  {t('unitsAdmin.createRoot')}
                </button>
              </div>
            )
          ) : null}
        </div>
      </div>
    </>
  );
}
