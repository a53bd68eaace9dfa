import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { useApiResource } from '../../hooks/index.ts'
import { FormProblem, LoadFailure, useApiWrite } from '../shared/index.ts'
import { deleteAdminRecord } from './admin-api.ts'

/** One column of an admin table: its heading and the cell text of a record. */
export interface AdminColumn<T> {
  label: string
  value(record: T): string
}

/** Props of {@link AdminCollection}. */
export interface AdminCollectionProps<T> {
  heading: string
  /** The list to show; undefined (e.g. until a city is chosen) shows nothing. */
  url: string | undefined
  schema: z.ZodType<{ total: number; items: T[] }>
  columns: readonly AdminColumn<T>[]
  /** What buttons call a record, e.g. its name: "Edit Kyiv roads". */
  name(record: T): string
  /** Where to delete a record; without it records cannot be deleted (categories are deactivated instead). */
  deleteUrl?(record: T): string
  /** The form for a new record (`record` undefined) or an existing one; `done` reports a save. */
  form(record: T | undefined, done: (message: string) => void, cancel: () => void): ReactNode
}

/**
 * One admin collection: its records as a table with edit and delete buttons, and the form to
 * create or edit one. After a save or a delete the list is loaded again and the outcome is
 * announced in a status region that takes focus.
 */
export function AdminCollection<T>({ heading, url, schema, columns, name, deleteUrl, form }: AdminCollectionProps<T>) {
  const { t } = useTranslation()
  const [revision, setRevision] = useState(0)
  const [editing, setEditing] = useState<{ record: T | undefined }>()
  const [message, setMessage] = useState('')
  const status = useRef<HTMLParagraphElement>(null)
  const removal = useApiWrite()
  const list = useApiResource(url, schema, revision)
  const panel = useRef<HTMLDivElement>(null)
  const createButton = useRef<HTMLButtonElement>(null)
  const opened = editing !== undefined
  // Opening a form moves focus into it; closing it without saving brings focus back.
  useEffect(() => {
    if (opened) panel.current?.querySelector<HTMLElement>('input, select, textarea')?.focus()
  }, [opened])
  const cancel = () => {
    setEditing(undefined)
    requestAnimationFrame(() => createButton.current?.focus())
  }
  const announce = (text: string) => {
    setEditing(undefined)
    setRevision((r) => r + 1)
    setMessage(text)
    requestAnimationFrame(() => status.current?.focus())
  }
  const remove = async (record: T) => {
    if (!deleteUrl || !window.confirm(t('office.admin.confirmDelete', { name: name(record) }))) return
    const done = await removal.run(async () => {
      await deleteAdminRecord(deleteUrl(record))
      return true
    })
    if (done) announce(t('office.admin.deleted', { name: name(record) }))
  }
  return (
    <section aria-labelledby="admin-collection-heading">
      <h2 id="admin-collection-heading">{heading}</h2>
      <p ref={status} role="status" tabIndex={-1} className="office-status" data-empty={message === ''}>
        {message}
      </p>
      <FormProblem problem={removal.problem} />
      {editing ? (
        <div ref={panel} className="office-panel">
          {form(editing.record, announce, cancel)}
        </div>
      ) : (
        <p>
          <button ref={createButton} type="button" className="button button--small" onClick={() => setEditing({ record: undefined })}>
            {t('office.admin.create')}
          </button>
        </p>
      )}
      {list.status === 'loading' && url && <p>{t('app.loading')}</p>}
      {list.status === 'failed' && <LoadFailure title={list.problem.detail ?? list.problem.title} />}
      {list.status === 'ready' && (
        <table className="office-table">
          <caption className="visually-hidden">{heading}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.label} scope="col">
                  {column.label}
                </th>
              ))}
              <th scope="col">{t('office.admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((record) => (
              <tr key={name(record)}>
                {columns.map((column) => (
                  <td key={column.label} data-label={column.label}>
                    {column.value(record)}
                  </td>
                ))}
                <td className="office-table__buttons">
                  <button type="button" className="button button--small button--secondary" onClick={() => setEditing({ record })} aria-label={t('office.admin.editNamed', { name: name(record) })}>
                    {t('office.admin.edit')}
                  </button>
                  {deleteUrl && (
                    <button type="button" className="button button--small button--danger" onClick={() => void remove(record)} aria-label={t('office.admin.deleteNamed', { name: name(record) })}>
                      {t('office.admin.delete')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
