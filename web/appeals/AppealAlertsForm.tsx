import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { DistrictListSchema } from '../api-client/index.ts'
import { errorAttributes, InputError } from '../ui/index.ts'
import { useApiResource } from '../hooks/index.ts'
import { LOCALE_OF } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'
import { useAppealAlerts } from './use-appeal-alerts.ts'

/** The circles a resident can watch, in metres. */
const RADII_M = [250, 500, 1000, 2000] as const
const DEFAULT_RADIUS_M = 500

/** Props of {@link AppealAlertsForm}. */
export interface AppealAlertsFormProps {
  cityId: string
  /** The map's centre now, the middle of the circle; undefined before the map has one. */
  centre: { lat: number; lon: number } | undefined
  language: Language
}

/**
 * "E-mail me about new appeals": a disclosure button that opens a compact form for alerts about
 * new appeals within a radius of the map's centre. Alerts start once the resident confirms the
 * address from the mail the API sends.
 */
export function AppealAlertsForm({ cityId, centre, language }: AppealAlertsFormProps) {
  const { t } = useTranslation()
  const id = useId()
  const [open, setOpen] = useState(false)
  const [email, setEmail] = useState('')
  const [radiusM, setRadiusM] = useState<number>(DEFAULT_RADIUS_M)
  // 'centre', or a district id as text (the value of the area select).
  const [area, setArea] = useState('centre')
  const districts = useApiResource(open ? `/api/cities/${encodeURIComponent(cityId)}/districts` : undefined, DistrictListSchema)
  const districtList = districts.status === 'ready' ? districts.data : []
  const byDistrict = area !== 'centre'
  const { state, subscribe, restart } = useAppealAlerts()
  const sentRef = useRef<HTMLParagraphElement>(null)
  const emailRef = useRef<HTMLInputElement>(null)
  const radiusRef = useRef<HTMLSelectElement>(null)

  // Focus goes where the answer is, so that keyboard and screen reader users meet it: the
  // confirmation (the button that had focus is gone), or the first field the API refused.
  useEffect(() => {
    if (state.status === 'sent') sentRef.current?.focus()
    else if (state.status === 'editing' && state.errors.area) radiusRef.current?.focus()
    else if (state.status === 'editing' && state.errors.email) emailRef.current?.focus()
  }, [state])

  const toggle = () => {
    if (state.status === 'sent') restart()
    setOpen(!open)
  }
  const send = (event: FormEvent) => {
    event.preventDefault()
    if (byDistrict) subscribe({ email: email.trim(), city: cityId, area: { districtId: Number(area) }, locale: language })
    else if (centre) subscribe({ email: email.trim(), city: cityId, area: { centre, radiusM }, locale: language })
  }

  const errors = state.status === 'editing' ? state.errors : {}
  const emailId = `${id}-email`
  const radiusId = `${id}-radius`
  const areaId = `${id}-area`
  return (
    <div className="appeal-alerts">
      <button type="button" className="button button--secondary button--small" aria-expanded={open} aria-controls={`${id}-panel`} onClick={toggle}>
        {t('appealAlerts.open')}
      </button>
      <div id={`${id}-panel`} hidden={!open}>
        {state.status === 'sent' ? (
          <p ref={sentRef} className="appeal-alerts__sent" role="status" tabIndex={-1}>
            {t('appealAlerts.sent')}
          </p>
        ) : (
          <form className="appeal-alerts__form" onSubmit={send} noValidate>
            {districtList.length > 0 && (
              <div className="field-stack">
                <label htmlFor={areaId}>{t('appealAlerts.area')}</label>
                <select id={areaId} className="appeal-alerts__area" value={area} onChange={(event) => setArea(event.currentTarget.value)}>
                  <option value="centre">{t('appealAlerts.aroundCentre')}</option>
                  {districtList.map((d) => (
                    <option key={d.id} value={String(d.id)}>
                      {d.name}
                    </option>
                  ))}
                </select>
                <InputError id={`${areaId}-error`} message={byDistrict ? errors.area : undefined} />
              </div>
            )}
            <div className="field-stack" hidden={byDistrict}>
              <label htmlFor={radiusId}>{t('appealAlerts.radius')}</label>
              <select
                ref={radiusRef}
                id={radiusId}
                className="appeal-alerts__radius"
                value={radiusM}
                onChange={(event) => setRadiusM(Number(event.currentTarget.value))}
                {...errorAttributes(`${radiusId}-error`, errors.area, `${radiusId}-hint`)}
              >
                {RADII_M.map((radius) => (
                  <option key={radius} value={radius}>
                    {formatRadius(radius, language)}
                  </option>
                ))}
              </select>
              <p id={`${radiusId}-hint`} className="field-hint">
                {centre && t('appealAlerts.centre', { lat: centre.lat.toFixed(4), lon: centre.lon.toFixed(4) })}
              </p>
              <InputError id={`${radiusId}-error`} message={errors.area} />
            </div>
            <div className="field-stack">
              <label htmlFor={emailId}>{t('appealAlerts.email')}</label>
              <input
                ref={emailRef}
                id={emailId}
                type="email"
                autoComplete="email"
                required
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                {...errorAttributes(`${emailId}-error`, errors.email, `${emailId}-hint`)}
              />
              <p id={`${emailId}-hint`} className="field-hint">
                {t('appealAlerts.emailHint')}
              </p>
              <InputError id={`${emailId}-error`} message={errors.email} />
            </div>
            {state.status === 'editing' && state.failure && (
              <p className="input-error" role="alert">
                {state.failure}
              </p>
            )}
            <button type="submit" className="button" disabled={state.status === 'sending' || (!centre && !byDistrict) || email.trim() === ''}>
              {state.status === 'sending' ? t('appealAlerts.sending') : t('appealAlerts.subscribe')}
            </button>
          </form>
        )}
      </div>
    </div>
  )
}

/** 250 → "250 м", 1000 → "1 км": the unit the size reads best in, in the interface's language. */
function formatRadius(metres: number, language: Language): string {
  const km = metres >= 1000
  return new Intl.NumberFormat(LOCALE_OF[language], { style: 'unit', unit: km ? 'kilometer' : 'meter' }).format(km ? metres / 1000 : metres)
}
