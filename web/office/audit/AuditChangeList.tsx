import { useTranslation } from 'react-i18next'
import type { AuditChanges } from '../../api-client/index.ts'

/** A recorded value as text: strings as they are, anything else as JSON, null as a dash. */
function shown(value: unknown): string {
  if (value === null || value === undefined) return '—'
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** Each changed attribute of an audit entry as `attribute: before → after`, all as text. */
export function AuditChangeList({ changes }: { changes: AuditChanges }) {
  const { t } = useTranslation()
  const attributes = Object.entries(changes)
  if (attributes.length === 0) return null
  return (
    <dl className="audit-changes">
      {attributes.map(([attribute, [before, after]]) => (
        <div key={attribute}>
          <dt>{attribute}</dt>
          <dd>
            <span className="visually-hidden">{t('office.audit.before')} </span>
            <del>{shown(before)}</del>
            <span aria-hidden="true"> → </span>
            <span className="visually-hidden">{t('office.audit.after')} </span>
            <ins>{shown(after)}</ins>
          </dd>
        </div>
      ))}
    </dl>
  )
}
