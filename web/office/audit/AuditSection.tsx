import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { AUDIT_OBJECT_TYPES, AuditListSchema } from '../../api-client/index.ts'
import { useApiResource } from '../../hooks/index.ts'
import type { Language } from '../../url-state/index.ts'
import { FieldSelect, LoadFailure, type OfficeQuery, Pager, useOfficeQuery } from '../shared/index.ts'
import { FieldText } from '../../ui/index.ts'
import { AuditTable } from './AuditTable.tsx'

const PAGE_SIZE = 50

function auditUrl(query: OfficeQuery): string {
  const params = new URLSearchParams({ page: String(query.page ?? 1), limit: String(PAGE_SIZE) })
  for (const key of ['object_type', 'object_id', 'actor'] as const) {
    const value = query[key]
    if (value) params.set(key, value)
  }
  return `/api/audit?${params}`
}

const orUndefined = (value: string) => (value.trim() === '' ? undefined : value.trim())

/** `/office/audit`: the audit trail, searched by object (type and id) and by actor, newest first. */
export function AuditSection({ language }: { language: Language }) {
  const { t } = useTranslation()
  const { query, update } = useOfficeQuery()
  const [objectType, setObjectType] = useState(query.object_type ?? '')
  const [objectId, setObjectId] = useState(query.object_id ?? '')
  const [actor, setActor] = useState(query.actor ?? '')
  const audit = useApiResource(auditUrl(query), AuditListSchema)
  const search = (event: FormEvent) => {
    event.preventDefault()
    update({ object_type: orUndefined(objectType), object_id: orUndefined(objectId), actor: orUndefined(actor), page: undefined }, true)
  }
  return (
    <>
      <h1>{t('office.section.audit')}</h1>
      <form className="office-filters" role="search" aria-label={t('office.audit.search')} onSubmit={search}>
        <FieldSelect
          label={t('office.audit.objectType')}
          value={objectType}
          empty={t('office.filters.any')}
          options={AUDIT_OBJECT_TYPES.map((type) => ({ value: type, label: t(`office.audit.type.${type}`) }))}
          onChange={setObjectType}
        />
        <FieldText label={t('office.audit.objectId')} value={objectId} onChange={setObjectId} maxLength={100} />
        <FieldText label={t('office.audit.actor')} hint={t('office.audit.actorHint')} value={actor} onChange={setActor} maxLength={100} />
        <button type="submit" className="button button--small">
          {t('office.audit.search')}
        </button>
      </form>
      <p role="status" className="office-count">
        {audit.status === 'loading' && t('app.loading')}
        {audit.status === 'ready' && t('office.audit.count', { count: audit.data.total })}
      </p>
      {audit.status === 'failed' && <LoadFailure title={audit.problem.detail ?? audit.problem.title} />}
      {audit.status === 'ready' && <AuditTable entries={audit.data.items} language={language} />}
      {audit.status === 'ready' && <Pager page={query.page ?? 1} total={audit.data.total} pageSize={PAGE_SIZE} onPage={(page) => update({ page }, true)} />}
    </>
  )
}
