import { useTranslation } from 'react-i18next'

/** Previous and next page of a long list, and where in it the reader is. Renders nothing for one page. */
export function Pager({ page, total, pageSize, onPage }: { page: number; total: number; pageSize: number; onPage(page: number): void }) {
  const { t } = useTranslation()
  const pages = Math.max(1, Math.ceil(total / pageSize))
  if (pages === 1) return null
  return (
    <nav className="pager" aria-label={t('office.pager.label')}>
      <button type="button" className="button button--small button--secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('office.pager.previous')}
      </button>
      <span>{t('office.pager.position', { page, pages })}</span>
      <button type="button" className="button button--small button--secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('office.pager.next')}
      </button>
    </nav>
  )
}
