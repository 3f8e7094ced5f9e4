// The staff console (/can-bo): sign-in with the session cookie, then worklists, counter intake and the
// dossier page. Loaded on demand, apart from the citizen portal's bundle.
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { Layout } from '../shell/layout';
import { Loading } from '../shell/parts';
import { useLoad } from '../shell/use-load';
import { AccountPage } from './account-page';
import { JobsPage } from './admin/jobs-page';
import { ProcessDefinitionsPage } from './admin/process-definitions-page';
import { UnitsAdminPage } from './admin/units-admin-page';
import { CalendarPage } from './calendar-page';
import { CatalogAdminPage } from './catalog-admin-page';
import { DossierPage } from './dossier-page';
import { IntakePage } from './intake/intake-page';
import { LoginPage } from './login-page';
import { ReportsPage } from './reports-page';
import { holds, SessionContext } from './session';
import { StaffPage } from './staff-page';
import { WorklistPage } from './worklist-page';

export default function ConsoleApp() {
  const { t } = useI18n();
  const [location, navigate] = useLocation();
  const me = useLoad(() => unwrap(api.GET('/api/v1/auth/me', {})), []);

  const signOut = async () => {
    await api.POST('/api/v1/auth/logout', {});
    me.reload();
    navigate('/dang-nhap');
  };

  if (me.loading && !me.data && !me.error) return <Loading />;
  const signedIn = me.data && !me.error;
  const nav = (
    <ul>
      {signedIn ? (
        <>
          <li>
            <Link href="/">{t('console.worklist')}</Link>
          </li>
          {holds(me.data!, 'desk_officer') ? (
            <li>
              <Link href="/tiep-nhan">{t('console.intake')}</Link>
            </li>
          ) : null}
          {['leader', 'supervisor', 'administrator'].some((role) => holds(me.data!, role)) ? (
            <li>
              <Link href="/bao-cao">{t('console.reports')}</Link>
            </li>
          ) : null}
          {holds(me.data!, 'administrator') ? (
            <>
              <li>
                <Link href="/quan-tri/can-bo">{t('console.staff')}</Link>
              </li>
              <li>
                <Link href="/quan-tri/thu-tuc">{t('console.catalogAdmin')}</Link>
              </li>
              <li>
                <Link href="/quan-tri/quy-trinh">{t('console.processes')}</Link>
              </li>
              <li>
                <Link href="/quan-tri/don-vi">{t('console.units')}</Link>
              </li>
            </>
          ) : null}
          {me.data!.isSystemAdmin ? (
            <li>
              <Link href="/quan-tri/tac-vu">{t('console.jobs')}</Link>
            </li>
          ) : null}
          <li>
            <Link href="/lich-lam-viec">{t('console.calendar')}</Link>
          </li>
          <li className="who">
            <Link href="/tai-khoan" aria-label={`${t('console.account')}: ${me.data!.fullName}`}>
              {me.data!.fullName}
            </Link>
          </li>
          <li>
            <button type="button" className="button-link" onClick={() => void signOut()}>
              {t('console.signOut')}
            </button>
          </li>
        </>
      ) : (
        <li>
          <Link href="~/">{t('console.toPortal')}</Link>
        </li>
      )}
    </ul>
  );
  return (
    <Layout brand={t('app.consoleName')} nav={nav}>
      {!signedIn ? (
        location === '/dang-nhap' ? (
          <LoginPage onSignedIn={() => me.reload()} />
        ) : (
          <Redirect to="/dang-nhap" />
        )
      ) : (
        <SessionContext.Provider value={{ me: me.data!, signOut: () => void signOut() }}>
          <Switch>
            <Route path="/dang-nhap">
              <Redirect to="/" />
            </Route>
            <Route path="/" component={WorklistPage} />
            <Route path="/tiep-nhan" component={IntakePage} />
            <Route path="/ho-so/:id" component={DossierPage} />
            <Route path="/lich-lam-viec" component={CalendarPage} />
            <Route path="/bao-cao" component={ReportsPage} />
            <Route path="/quan-tri/can-bo" component={StaffPage} />
            <Route path="/tai-khoan" component={AccountPage} />
            <Route path="/quan-tri/thu-tuc" component={CatalogAdminPage} />
            <Route path="/quan-tri/quy-trinh" component={ProcessDefinitionsPage} />
            <Route path="/quan-tri/don-vi" component={UnitsAdminPage} />
            <Route path="/quan-tri/tac-vu" component={JobsPage} />
            <Route>
              <Redirect to="/" />
            </Route>
          </Switch>
        </SessionContext.Provider>
      )}
    </Layout>
  );
}
