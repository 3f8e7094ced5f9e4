// Routes. The citizen portal is in the first bundle; the staff console is loaded only when a staff page
// is opened, so the portal's initial JavaScript stays small. Citizen paths are Vietnamese (/thu-tuc,
// /tra-cuu/{code} — printed QR codes point there); staff pages live under /can-bo.
import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { PortalLayout } from './portal/portal-layout';
import { HomePage } from './portal/home-page';
import { ProcedurePage } from './portal/procedure-page';
import { FilingPage } from './portal/filing/filing-page';
import { OwnDossierPage } from './portal/own-dossier-page';
import { LookupPage } from './portal/lookup-page';
import { NotFoundPage } from './portal/not-found-page';
import { Loading } from './shell/parts';

const ConsoleApp = lazy(() => import('./console/console-app'));

export function App() {
  return (
    <Switch>
      <Route path="/can-bo" nest>
        <Suspense fallback={<Loading />}>
          <ConsoleApp />
        </Suspense>
      </Route>
      <Route>
        <PortalLayout>
          <Switch>
            <Route path="/" component={HomePage} />
            <Route path="/thu-tuc/:code/nop-truc-tuyen" component={FilingPage} />
            <Route path="/thu-tuc/:code" component={ProcedurePage} />
            <Route path="/ho-so-cua-toi/:id" component={OwnDossierPage} />
            <Route path="/tra-cuu" component={LookupPage} />
            <Route path="/tra-cuu/:code" component={LookupPage} />
            <Route component={NotFoundPage} />
          </Switch>
        </PortalLayout>
      </Route>
    </Switch>
  );
}
