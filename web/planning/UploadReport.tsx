import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LOCALE_OF } from '../i18n/index.ts'
import { FormProblem, useApiWrite } from '../office/shared/index.ts'
import type { Language } from '../url-state/index.ts'
import { rereadUpload, type LayerUpload } from './planning-api.ts'

/** How many problems the report lists; the rest are counted. */
const PROBLEMS_SHOWN = 50

/** Props of {@link UploadReport}. */
export interface UploadReportProps {
  upload: LayerUpload
  language: Language
  /** The file was read again with another encoding or coordinate system. */
  onReread(upload: LayerUpload): void
}

/**
 * What the server read of an uploaded file, before anything is published: its format, the
 * coordinate system (or a choice of one when the file does not say), the encoding with each
 * plausible reading side by side, the counts, the problems and the fields with samples.
 */
export function UploadReport({ upload, language, onReread }: UploadReportProps) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const reread = async (change: { encoding?: string; crs?: string }) => {
    const next = await write.run(() => rereadUpload(upload.id, change))
    if (next) onReread(next)
  }
  const number = new Intl.NumberFormat(LOCALE_OF[language])
  // The report lists the first problems; the counts have them all.
  const problemCount = Math.max(upload.problems.length, upload.counts.rejected + upload.counts.repaired + upload.counts.skipped)
  const more = problemCount - Math.min(upload.problems.length, PROBLEMS_SHOWN)
  return (
    <section className="upload-report" aria-labelledby="upload-report-heading">
      <h2 id="upload-report-heading">{t('planning.report.heading', { file: upload.file_name })}</h2>
      <dl className="upload-report__facts">
        <dt>{t('planning.report.format')}</dt>
        <dd>{t(`planning.format.${upload.format}`)}</dd>
        <dt>{t('planning.report.crs')}</dt>
        <dd data-testid="upload-crs">
          {upload.crs ? `${upload.crs_name ?? upload.crs} (${upload.crs})` : <strong className="upload-report__warning">{t('planning.report.crsUnknown')}</strong>}
          {upload.crs && <span className="field-hint"> · {t(`planning.crsSource.${upload.crs_source}`)}</span>}
        </dd>
        <dt>{t('planning.report.encoding')}</dt>
        <dd data-testid="upload-encoding">
          {upload.encoding ?? '—'}
          {upload.encoding_source && <span className="field-hint"> · {t(`planning.encodingSource.${upload.encoding_source}`)}</span>}
        </dd>
        <dt>{t('planning.report.geometry')}</dt>
        <dd>{upload.geometry_types.join(', ') || '—'}</dd>
      </dl>
      <ul className="upload-report__counts">
        <li>{t('planning.report.read', { count: upload.read_count, formatted: number.format(upload.read_count) })}</li>
        <li>{t('planning.report.accepted', { count: upload.feature_count, formatted: number.format(upload.feature_count) })}</li>
        <li>{t('planning.report.rejected', { count: upload.counts.rejected, formatted: number.format(upload.counts.rejected) })}</li>
        <li>{t('planning.report.repaired', { count: upload.counts.repaired, formatted: number.format(upload.counts.repaired) })}</li>
      </ul>

      {!upload.crs && <CrsChoice upload={upload} pending={write.pending} onChoose={(crs) => void reread({ crs })} />}
      {upload.encoding_candidates.length > 0 && (
        <EncodingChoice upload={upload} pending={write.pending} onChoose={(encoding) => void reread({ encoding })} />
      )}
      <FormProblem problem={write.problem} />

      {upload.problems.length > 0 && (
        <details className="upload-report__problems" open={upload.feature_count === 0}>
          <summary>{t('planning.report.problems', { count: problemCount })}</summary>
          <ul>
            {upload.problems.slice(0, PROBLEMS_SHOWN).map((problem, i) => (
              <li key={i}>
                {problem.feature !== undefined && <span className="upload-report__feature">{t('planning.report.feature', { n: problem.feature + 1 })} </span>}
                {problem.message}
              </li>
            ))}
          </ul>
          {more > 0 && <p>{t('planning.report.more', { count: more })}</p>}
        </details>
      )}

      <h3>{t('planning.report.fields')}</h3>
      <div className="table-scroll">
        <table className="office-table upload-report__fields">
          <thead>
            <tr>
              <th scope="col">{t('planning.report.fieldName')}</th>
              <th scope="col">{t('planning.report.fieldType')}</th>
              <th scope="col">{t('planning.report.samples')}</th>
            </tr>
          </thead>
          <tbody>
            {upload.fields.map((field) => (
              <tr key={field.name}>
                <th scope="row" data-label={t('planning.report.fieldName')}>
                  <span>{field.name}</span>
                </th>
                <td data-label={t('planning.report.fieldType')}>{t(`planning.attributeType.${field.type}`)}</td>
                <td data-label={t('planning.report.samples')}>{field.samples.map(String).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

/** The systems the coordinates may be in, as buttons, and any EPSG code. */
function CrsChoice({ upload, pending, onChoose }: { upload: LayerUpload; pending: boolean; onChoose(crs: string): void }) {
  const { t } = useTranslation()
  const id = useId()
  const [code, setCode] = useState('')
  return (
    <fieldset className="upload-report__choice">
      <legend>{t('planning.report.chooseCrs')}</legend>
      <p className="field-hint">{t('planning.report.crsWhy')}</p>
      <div className="button-row">
        {upload.crs_suggestions.map((suggestion) => (
          <button key={suggestion.code} type="button" className="button button--small button--secondary" disabled={pending} onClick={() => onChoose(suggestion.code)}>
            {suggestion.name} ({suggestion.code})
          </button>
        ))}
      </div>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault()
          if (code.trim()) onChoose(code.trim())
        }}
      >
        <label htmlFor={id}>{t('planning.report.epsg')}</label>
        <input id={id} value={code} placeholder="EPSG:6384" onChange={(event) => setCode(event.currentTarget.value)} />
        <button type="submit" className="button button--small" disabled={pending}>
          {t('planning.report.apply')}
        </button>
      </form>
    </fieldset>
  )
}

/** Each plausible encoding with the values it reads, so the planner picks the one that reads right. */
function EncodingChoice({ upload, pending, onChoose }: { upload: LayerUpload; pending: boolean; onChoose(encoding: string): void }) {
  const { t } = useTranslation()
  return (
    <fieldset className="upload-report__choice">
      <legend>{upload.encoding_confident ? t('planning.report.encodingCheck') : t('planning.report.chooseEncoding')}</legend>
      <ul className="encoding-candidates">
        {upload.encoding_candidates.map((candidate) => {
          const current = candidate.name === upload.encoding
          return (
            <li key={candidate.name} data-current={current}>
              <p className="encoding-candidates__name">
                <strong>{candidate.name}</strong>
                {current && <span className="badge">{t('planning.report.encodingInUse')}</span>}
              </p>
              <p className="encoding-candidates__sample" lang="uk">{candidate.sample.join(' · ') || '—'}</p>
              {!current && (
                <button type="button" className="button button--small button--secondary" disabled={pending} onClick={() => onChoose(candidate.name)}>
                  {t('planning.report.useEncoding', { encoding: candidate.name })}
                </button>
              )}
            </li>
          )
        })}
      </ul>
    </fieldset>
  )
}
