import { useTranslation } from 'react-i18next'
import { AdminCategoryPage } from '../../api-client/index.ts'
import { pickText } from '../../i18n/index.ts'
import type { Language } from '../../url-state/index.ts'
import { AdminCollection } from './AdminCollection.tsx'
import { CategoryForm } from './CategoryForm.tsx'

/** The appeal categories of every city; they are deactivated, never deleted, since appeals keep them. */
export function AdminCategories({ language }: { language: Language }) {
  const { t } = useTranslation()
  return (
    <AdminCollection
      heading={t('office.admin.tab.categories')}
      url="/api/admin/categories"
      schema={AdminCategoryPage}
      columns={[
        { label: t('office.admin.field.id'), value: (c) => c.id },
        { label: t('office.admin.field.name'), value: (c) => pickText(c.name, language) },
        { label: t('office.admin.field.term'), value: (c) => t('office.admin.field.days', { count: c.term_days }) },
        { label: t('office.admin.field.radius'), value: (c) => String(c.duplicate_radius_m) },
        { label: t('office.admin.field.questions'), value: (c) => String(c.questions.length) },
        { label: t('office.admin.field.active'), value: (c) => (c.active ? t('feature.yes') : t('feature.no')) },
      ]}
      name={(c) => c.id}
      form={(record, done, cancel) => <CategoryForm record={record} city="" done={done} cancel={cancel} />}
    />
  )
}
