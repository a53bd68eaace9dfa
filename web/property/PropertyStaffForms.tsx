import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { sendJson } from '../api-client/index.ts'
import { ActionForm, FieldSelect, useApiWrite } from '../office/shared/index.ts'
import { FieldText } from '../ui/index.ts'
import { CONDITIONS, ImportReportSchema, PROPERTY_KINDS, PROPERTY_STATUSES, PropertyLineSchema, type ImportReport, type PropertyObject, type PropertyStatus } from './property-api.ts'
import { propertyDraft, propertyPatch, statusFields, type PropertyDraft } from './property-staff.ts'

/** Whether the signed-in user may write the property register and its offers. */
export const MANAGES_PROPERTY = 'property:manage'

/**
 * The property manager's edit of a register line: its status with what the status needs (a
 * lease's dates and lessee, an auction's lot), the balance holder, whether its place is withheld,
 * and its main attributes → `PATCH /api/property/{id}`; only what changed is sent.
 */
export function PropertyEditForm({ object, onSaved }: { object: PropertyObject; onSaved(o: PropertyObject): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [draft, setDraft] = useState<PropertyDraft>(() => propertyDraft(object))
  const [saved, setSaved] = useState(false)
  const set = (patch: Partial<PropertyDraft>) => setDraft({ ...draft, ...patch })
  const needs = statusFields(draft.status)
  const save = async () => {
    setSaved(false)
    const answer = await write.run(() => sendJson(`/api/property/${object.id}`, PropertyLineSchema, { method: 'PATCH', body: propertyPatch(object, draft) }))
    if (answer) {
      setSaved(true)
      onSaved(answer)
    }
  }
  return (
    <section aria-labelledby="property-edit-heading" className="planning-card property-staff">
      <h2 id="property-edit-heading">{t('property.staff.edit')}</h2>
      <ActionForm write={write} submitLabel={t('property.staff.save')} onSubmit={() => void save()}>
        <FieldSelect label={t('property.object.status')} value={draft.status} options={PROPERTY_STATUSES.map((s) => ({ value: s, label: t(`property.statuses.${s}`) }))} onChange={(status) => set({ status: status as PropertyStatus })} error={write.fieldError('status')} />
        {needs.includes('lease') && (
          <fieldset className="property-staff__group" data-group="lease">
            <legend>{t('property.object.lease')}</legend>
            <FieldText label={t('property.staff.leasedFrom')} type="date" value={draft.leasedFrom} onChange={(leasedFrom) => set({ leasedFrom })} error={write.fieldError('leased_from')} />
            <FieldText label={t('property.staff.leasedUntil')} type="date" value={draft.leasedUntil} onChange={(leasedUntil) => set({ leasedUntil })} error={write.fieldError('leased_until')} />
            <FieldSelect
              label={t('property.staff.lesseeKind')}
              value={draft.lesseeKind}
              empty={t('property.filters.any')}
              options={(['organisation', 'person'] as const).map((k) => ({ value: k, label: t(`property.staff.lessee.${k}`) }))}
              onChange={(lesseeKind) => set({ lesseeKind: lesseeKind as PropertyDraft['lesseeKind'] })}
              error={write.fieldError('lessee_kind')}
            />
            {draft.lesseeKind === 'organisation' && <FieldText label={t('property.staff.lesseeName')} value={draft.lesseeName} onChange={(lesseeName) => set({ lesseeName })} error={write.fieldError('lessee_name')} />}
          </fieldset>
        )}
        {needs.includes('auction') && (
          <fieldset className="property-staff__group" data-group="auction">
            <legend>{t('property.object.auction')}</legend>
            <FieldText label={t('property.staff.auctionLot')} hint={t('property.staff.auctionLotHint')} value={draft.auctionLotId} onChange={(auctionLotId) => set({ auctionLotId })} error={write.fieldError('auction_lot_id')} />
            <FieldText label={t('property.staff.auctionStart')} type="date" value={draft.auctionStart} onChange={(auctionStart) => set({ auctionStart })} error={write.fieldError('auction_start')} />
            <FieldText label={t('property.staff.auctionEnd')} type="date" value={draft.auctionEnd} onChange={(auctionEnd) => set({ auctionEnd })} error={write.fieldError('auction_end')} />
          </fieldset>
        )}
        <FieldText label={t('property.staff.balanceHolder')} hint={t('property.staff.balanceHolderHint')} value={draft.balanceHolder} onChange={(balanceHolder) => set({ balanceHolder })} error={write.fieldError('balance_holder')} />
        <FieldText label={t('property.staff.balanceHolderName')} value={draft.balanceHolderName} onChange={(balanceHolderName) => set({ balanceHolderName })} error={write.fieldError('balance_holder_name')} />
        <label className="property-staff__check">
          <input type="checkbox" checked={draft.sensitive} onChange={(e) => set({ sensitive: e.currentTarget.checked })} /> {t('property.staff.sensitive')}
        </label>
        <FieldText label={t('property.staff.name')} value={draft.name} onChange={(name) => set({ name })} error={write.fieldError('name')} />
        <FieldText label={t('property.object.address')} value={draft.address} onChange={(address) => set({ address })} error={write.fieldError('address')} />
        <FieldText label={t('property.staff.area')} inputMode="decimal" value={draft.areaM2} onChange={(areaM2) => set({ areaM2 })} error={write.fieldError('area_m2')} />
        <FieldText label={t('property.staff.purposeCode')} value={draft.purposeCode} onChange={(purposeCode) => set({ purposeCode })} error={write.fieldError('purpose_code')} />
        <FieldSelect label={t('property.object.condition')} value={draft.condition} empty={t('property.filters.any')} options={CONDITIONS.map((c) => ({ value: c, label: t(`property.conditions.${c}`) }))} onChange={(condition) => set({ condition })} error={write.fieldError('condition')} />
      </ActionForm>
      <p role="status">{saved ? t('property.staff.saved') : ''}</p>
    </section>
  )
}

/** "Add a line": a register line by hand (kind, name, cadastral number, address, area, status) → `POST /api/property`. */
export function PropertyAddForm({ cityId, onAdded }: { cityId: string; onAdded(o: PropertyObject): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [kind, setKind] = useState<string>('land')
  const [name, setName] = useState('')
  const [cadastral, setCadastral] = useState('')
  const [address, setAddress] = useState('')
  const [area, setArea] = useState('')
  const [status, setStatus] = useState<PropertyStatus>('in_use')
  const [added, setAdded] = useState<PropertyObject>()
  const add = async () => {
    const areaM2 = Number(area.replace(/\s/g, '').replace(',', '.'))
    const body = {
      city: cityId,
      kind,
      status,
      ...(name.trim() && { name: name.trim() }),
      ...(cadastral.trim() && { cadastral_number: cadastral.trim() }),
      ...(address.trim() && { address: address.trim() }),
      ...(area.trim() && { area_m2: areaM2 }),
    }
    const answer = await write.run(() => sendJson('/api/property', PropertyLineSchema, { body }))
    if (answer) {
      setAdded(answer)
      onAdded(answer)
    }
  }
  return (
    <section aria-labelledby="property-add-heading" className="planning-card property-staff">
      <h2 id="property-add-heading">{t('property.staff.add')}</h2>
      {added && (
        <p role="status">
          {t('property.staff.added')} <a href={`/property/${added.id}`}>{added.name ?? added.register_id}</a>
        </p>
      )}
      <ActionForm write={write} submitLabel={t('property.staff.addSubmit')} onSubmit={() => void add()}>
        <FieldSelect label={t('property.object.kind')} value={kind} options={PROPERTY_KINDS.map((k) => ({ value: k, label: t(`property.kinds.${k}`) }))} onChange={setKind} error={write.fieldError('kind')} />
        <FieldText label={t('property.staff.name')} value={name} onChange={setName} error={write.fieldError('name')} />
        <FieldText label={t('property.object.cadastralNumber')} hint="8000000000:75:123:0045" value={cadastral} onChange={setCadastral} error={write.fieldError('cadastral_number')} />
        <FieldText label={t('property.object.address')} value={address} onChange={setAddress} error={write.fieldError('address')} />
        <FieldText label={t('property.staff.area')} inputMode="decimal" value={area} onChange={setArea} error={write.fieldError('area_m2')} />
        <FieldSelect label={t('property.object.status')} value={status} options={PROPERTY_STATUSES.map((s) => ({ value: s, label: t(`property.statuses.${s}`) }))} onChange={(s) => setStatus(s as PropertyStatus)} error={write.fieldError('status')} />
      </ActionForm>
    </section>
  )
}

/**
 * "Import a register": a CMU No 835 spreadsheet (CSV or XLSX) → `POST /api/property/import`, and
 * its report: the lines written, how many were placed by cadastral number and by address, the
 * unplaced lines with their reasons, the rejected lines with their fields, the unknown columns.
 */
export function RegisterImportForm({ cityId, onImported }: { cityId: string; onImported(report: ImportReport): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [file, setFile] = useState<File>()
  const [report, setReport] = useState<ImportReport>()
  const upload = async () => {
    if (!file) {
      write.refuse({ title: t('property.import.noFile'), status: 400, errors: [{ field: 'file', message: t('property.import.noFile') }] })
      return
    }
    const form = new FormData()
    form.set('city', cityId)
    form.set('file', file)
    setReport(undefined)
    const answer = await write.run(() => sendJson('/api/property/import', ImportReportSchema, { body: form }))
    if (answer) {
      setReport(answer)
      onImported(answer)
    }
  }
  return (
    <section aria-labelledby="property-import-heading" className="planning-card property-staff property-import">
      <h2 id="property-import-heading">{t('property.import.heading')}</h2>
      <ActionForm write={write} submitLabel={t('property.import.submit')} onSubmit={() => void upload()}>
        <div className="field-stack">
          <label htmlFor="property-import-file">{t('property.import.file')}</label>
          <p className="field-hint" id="property-import-hint">
            {t('property.import.hint')}
          </p>
          <input id="property-import-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="property-import-hint" aria-invalid={write.fieldError('file') ? true : undefined} onChange={(e) => setFile(e.currentTarget.files?.[0])} />
          {write.fieldError('file') && <p className="field-error">{write.fieldError('file')}</p>}
        </div>
      </ActionForm>
      {report && <ImportReportView report={report} />}
    </section>
  )
}

function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation()
  const placed = report.placedByCadastre + report.placedByAddress
  return (
    <div className="import-report" role="status" data-written={report.written} data-placed={placed} data-unplaced={report.unplaced.length} data-rejected={report.rejected.length}>
      <h3>{t('property.import.report')}</h3>
      <ul className="import-report__counts">
        <li data-count="written">{t('property.import.written', { written: report.written, lines: report.lines })}</li>
        <li data-count="cadastre">{t('property.import.byCadastre', { count: report.placedByCadastre })}</li>
        <li data-count="address">{t('property.import.byAddress', { count: report.placedByAddress })}</li>
        <li data-count="unplaced">{t('property.import.unplacedCount', { count: report.unplaced.length })}</li>
      </ul>
      {report.unplaced.length > 0 && (
        <>
          <h4>{t('property.import.unplaced')}</h4>
          <table className="import-report__table" data-table="unplaced">
            <thead>
              <tr>
                <th scope="col">{t('property.import.line')}</th>
                <th scope="col">{t('property.object.registerId')}</th>
                <th scope="col">{t('property.import.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {report.unplaced.map((u) => (
                <tr key={`${u.line}-${u.registerId}`}>
                  <td>{u.line}</td>
                  <td>{u.registerId}</td>
                  <td>{u.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {report.rejected.length > 0 && (
        <>
          <h4>{t('property.import.rejected')}</h4>
          <table className="import-report__table" data-table="rejected">
            <thead>
              <tr>
                <th scope="col">{t('property.import.line')}</th>
                <th scope="col">{t('property.import.field')}</th>
                <th scope="col">{t('property.import.message')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rejected.map((r) => (
                <tr key={`${r.line}-${r.field}`}>
                  <td>{r.line}</td>
                  <td>{r.field}</td>
                  <td>{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {report.unknownColumns.length > 0 && <p data-unknown-columns>{t('property.import.unknownColumns', { columns: report.unknownColumns.join(', ') })}</p>}
      {report.warnings.map((w) => (
        <p key={w} className="field-hint">
          {w}
        </p>
      ))}
    </div>
  )
}
