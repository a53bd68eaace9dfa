import type { Polygon } from 'geojson'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { sendJson } from '../api-client/index.ts'
import { ActionForm, FieldSelect, useApiWrite } from '../office/shared/index.ts'
import { areaPolygon, type LonLat } from '../property/index.ts'
import { FieldAddressSearch } from '../report/index.ts'
import { FieldText } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { subscriptionBody, type MapPick, type SubscriptionPlace } from './works-forms.ts'

/** The radii a subscriber chooses from around an address, in metres. */
const RADII = [100, 300, 500, 1000, 2000] as const

const SubscriptionReceipt = z.object({ status: z.literal('confirmation-sent') })

/** Props of {@link WorkSubscriptionForm}. */
export interface WorkSubscriptionFormProps {
  cityId: string
  districts: ReadonlyArray<{ id: number; name: string }>
  language: Language
  /** The map's taps while this form picks a point or draws an area. */
  pick: MapPick | undefined
  onPickChange(pick: MapPick | undefined): void
  /** The area drawn, for the map to show. */
  onAreaChange(area: Polygon | undefined): void
}

/**
 * "Tell me about works": an e-mail and a place (around an address found by search or tapped on
 * the map, a district, or an area drawn on the map) → `POST /api/works/subscriptions`; then
 * "check your mail", for nothing is sent until the link in that mail is followed.
 */
export function WorkSubscriptionForm({ cityId, districts, language, pick, onPickChange, onAreaChange }: WorkSubscriptionFormProps) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [by, setBy] = useState<SubscriptionPlace['by']>('address')
  const [email, setEmail] = useState('')
  const [point, setPoint] = useState<{ at: LonLat; label: string }>()
  const [radius, setRadius] = useState('300')
  const [district, setDistrict] = useState('')
  const [area, setArea] = useState<Polygon>()
  const [sentTo, setSentTo] = useState<string>()

  const tapped = pick?.mode === 'point' ? pick.corners[0] : undefined
  useEffect(() => {
    if (tapped) setPoint({ at: tapped, label: t('works.subscribe.tapped') })
  }, [tapped, t])

  const place = (): SubscriptionPlace | string => {
    if (by === 'district') return district ? { by, district: Number(district) } : 'district'
    if (by === 'area') return area ? { by, area } : 'area'
    return point ? { by, lon: point.at[0], lat: point.at[1], radiusM: Number(radius) } : 'lat'
  }
  const send = async () => {
    const chosen = place()
    if (typeof chosen === 'string') {
      write.refuse({ title: t('works.subscribe.noPlace'), status: 400, errors: [{ field: chosen, message: t(`works.subscribe.missing.${chosen}`) }] })
      return
    }
    const receipt = await write.run(() => sendJson('/api/works/subscriptions', SubscriptionReceipt, { body: subscriptionBody(email, cityId, chosen, language) }))
    if (receipt) {
      onPickChange(undefined)
      setSentTo(email.trim())
    }
  }
  const finishArea = () => {
    const polygon = pick && areaPolygon(pick.corners)
    if (!polygon) return
    setArea(polygon)
    onAreaChange(polygon)
    onPickChange(undefined)
  }
  const choose = (next: SubscriptionPlace['by']) => {
    setBy(next)
    onPickChange(undefined)
    if (next !== 'area') onAreaChange(undefined)
    else onAreaChange(area)
  }

  return (
    <section className="planning-card works-subscribe" aria-labelledby="works-subscribe-heading" data-state={sentTo ? 'sent' : 'form'}>
      <h2 id="works-subscribe-heading">{t('works.subscribe.heading')}</h2>
      {sentTo ? (
        <div role="status" className="works-subscribe__sent">
          <p>
            <strong>{t('works.subscribe.checkMail')}</strong>
          </p>
          <p>{t('works.subscribe.sent', { email: sentTo })}</p>
          <button type="button" className="button button--small button--secondary" onClick={() => setSentTo(undefined)}>
            {t('works.subscribe.another')}
          </button>
        </div>
      ) : (
        <ActionForm write={write} submitLabel={t('works.subscribe.submit')} onSubmit={() => void send()}>
          <p className="field-hint">{t('works.subscribe.intro')}</p>
          <fieldset className="budget-choices" data-field="by">
            <legend>{t('works.subscribe.by')}</legend>
            {(['address', 'district', 'area'] as const).map((option) => (
              <label key={option}>
                <input type="radio" name="works-subscribe-by" value={option} checked={by === option} onChange={() => choose(option)} /> {t(`works.subscribe.byOption.${option}`)}
              </label>
            ))}
          </fieldset>
          {by === 'address' && (
            <div className="works-subscribe__address" data-point={point ? point.at.join(',') : undefined}>
              <FieldAddressSearch cityId={cityId} onPick={(entry) => setPoint({ at: [entry.lon, entry.lat], label: entry.label })} />
              <p className="field-hint" aria-live="polite" id="works-subscribe-point">
                {point ? t('works.subscribe.pointAt', { place: point.label }) : t('works.subscribe.noPoint')}
              </p>
              {write.fieldError('lat') && (
                <p className="field-error" role="alert">
                  {write.fieldError('lat')}
                </p>
              )}
              <button
                type="button"
                className="button button--small button--secondary"
                aria-pressed={pick?.mode === 'point'}
                onClick={() => onPickChange(pick?.mode === 'point' ? undefined : { purpose: 'subscribe', mode: 'point', corners: point ? [point.at] : [] })}
              >
                {pick?.mode === 'point' ? t('works.subscribe.pickDone') : t('works.subscribe.pickOnMap')}
              </button>
              <FieldSelect label={t('works.subscribe.radius')} value={radius} options={RADII.map((r) => ({ value: String(r), label: t('works.subscribe.metres', { count: r }) }))} onChange={setRadius} error={write.fieldError('radius_m')} />
            </div>
          )}
          {by === 'district' && (
            <FieldSelect
              label={t('works.subscribe.district')}
              value={district}
              empty={t('works.subscribe.chooseDistrict')}
              options={districts.map((d) => ({ value: String(d.id), label: d.name }))}
              onChange={setDistrict}
              error={write.fieldError('district')}
            />
          )}
          {by === 'area' && (
            <div className="works-subscribe__area" data-area={area ? 'set' : pick?.mode === 'area' ? `drawing:${pick.corners.length}` : 'none'}>
              <p className="field-hint" aria-live="polite">
                {pick?.mode === 'area' ? t('property.area.drawing', { count: pick.corners.length }) : area ? t('works.subscribe.areaSet') : t('works.subscribe.noArea')}
              </p>
              {write.fieldError('area') && (
                <p className="field-error" role="alert">
                  {write.fieldError('area')}
                </p>
              )}
              <div className="button-row">
                {pick?.mode === 'area' ? (
                  <>
                    <button type="button" className="button button--small" disabled={pick.corners.length < 3} onClick={finishArea}>
                      {t('property.area.finish')}
                    </button>
                    <button type="button" className="button button--small button--secondary" onClick={() => onPickChange(undefined)}>
                      {t('property.area.cancel')}
                    </button>
                  </>
                ) : (
                  <button type="button" className="button button--small button--secondary" onClick={() => onPickChange({ purpose: 'subscribe', mode: 'area', corners: [] })}>
                    {t('property.area.draw')}
                  </button>
                )}
              </div>
            </div>
          )}
          <FieldText label={t('works.subscribe.email')} type="email" autoComplete="email" value={email} onChange={setEmail} error={write.fieldError('email')} />
        </ActionForm>
      )}
    </section>
  )
}
