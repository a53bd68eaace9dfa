import { useTranslation } from 'react-i18next'
import { OfficeAppealListSchema, type OfficeQueue, type SignedInUser } from '../../api-client/index.ts'
import { useApiResource } from '../../hooks/index.ts'
import type { Language } from '../../url-state/index.ts'
import { LoadFailure, type OfficeQuery, Pager, SubNav, useOfficeQuery } from '../shared/index.ts'
import { QueueFilters } from './QueueFilters.tsx'
import { QueueTable } from './QueueTable.tsx'

const PAGE_SIZE = 50

/** Props of {@link AppealQueue}. */
export interface AppealQueueProps {
  heading: string
  /** The queues this cabinet shows, the first by default; more than one gives a menu of them. */
  queues: readonly OfficeQueue[]
  user: SignedInUser
  language: Language
  /** Executors work to deadlines: soonest due first within the page. */
  byDueDate?: boolean
}

/** The query of `GET /api/office/appeals` for a queue and the filters in the URL. */
function listUrl(queue: OfficeQueue, query: OfficeQuery): string {
  const params = new URLSearchParams({ queue, page: String(query.page ?? 1), limit: String(PAGE_SIZE) })
  for (const key of ['city', 'status', 'category', 'organisation', 'q'] as const) {
    const value = query[key]
    if (value) params.set(key, value)
  }
  return `/api/office/appeals?${params}`
}

/** A cabinet's list of appeals: its queues, the filters, one page of results and the pager. */
export function AppealQueue({ heading, queues, user, language, byDueDate }: AppealQueueProps) {
  const { t } = useTranslation()
  const { query, update } = useOfficeQuery()
  const queue = queues.find((candidate) => candidate === query.tab) ?? queues[0]!
  const list = useApiResource(listUrl(queue, query), OfficeAppealListSchema)
  const items = list.status === 'ready' ? list.data.items : []
  const sorted = byDueDate ? [...items].sort((a, b) => Date.parse(a.due_at) - Date.parse(b.due_at)) : items
  const crossOrganisation = user.roles.includes('admin') || user.roles.includes('moderator')
  return (
    <>
      <h1>{heading}</h1>
      {queues.length > 1 && (
        <SubNav label={t('office.queue.queues')} tabs={queues.map((id) => ({ id, label: t(`office.queue.name.${id}`) }))} current={queue} query={query} />
      )}
      <QueueFilters query={query} language={language} organisations={crossOrganisation} onApply={(filters) => update({ ...filters, page: undefined }, true)} />
      <p role="status" className="office-count">
        {list.status === 'loading' && t('app.loading')}
        {list.status === 'ready' && t('office.queue.count', { count: list.data.total })}
      </p>
      {list.status === 'failed' && <LoadFailure title={list.problem.detail ?? list.problem.title} />}
      {list.status === 'ready' && sorted.length > 0 && <QueueTable appeals={sorted} language={language} caption={t(`office.queue.name.${queue}`)} />}
      {list.status === 'ready' && <Pager page={query.page ?? 1} total={list.data.total} pageSize={PAGE_SIZE} onPage={(page) => update({ page }, true)} />}
    </>
  )
}
