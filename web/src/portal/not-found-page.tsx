import { Link } from 'wouter';
import { useI18n } from '../i18n/i18n';
import { PageTitle } from '../shell/parts';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle title={t('notFound.title')}>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.text')}</p>
      <p>
        <Link href="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}
