import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../i18n/i18n';
import { Layout } from '../shell/layout';

export function PortalLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Layout
      brand={t('app.portalName')}
      nav={
        <ul>
          <li>
            <Link href="/">{t('nav.procedures')}</Link>
          </li>
          <li>
            <Link href="/tra-cuu">{t('nav.lookup')}</Link>
          </li>
          <li>
            <Link href="/can-bo">{t('nav.staff')}</Link>
          </li>
        </ul>
      }
    >
      {children}
    </Layout>
  );
}
