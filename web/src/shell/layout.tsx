// The page frame: skip link, header with the site name, navigation and the language switch, the main
// landmark, footer. The portal and the console pass their own navigation.
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../i18n/i18n';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const other = lang === 'vi' ? 'en' : 'vi';
  return (
    <button type="button" className="lang-switch" lang={other} onClick={() => setLang(other)}>
      {t('lang.switch')}
    </button>
  );
}

export function Layout({ nav, children, brand }: { nav: ReactNode; children: ReactNode; brand: string }) {
  const { t } = useI18n();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="site-header">
        <div className="container header-row">
          <Link href="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              ★
            </span>
            <span>{brand}</span>
          </Link>
          <nav aria-label={t('nav.label')} className="site-nav">
            {nav}
          </nav>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">{t('footer.text')}</div>
      </footer>
    </>
  );
}
