import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { InputError } from '../ui/index.ts'
import type { Camera } from '../url-state/index.ts'
import { FieldAddressSearch } from './FieldAddressSearch.tsx'
import type { ReportLocation } from './report-draft.ts'

/** Props of {@link ReportLocationStep}. */
export interface ReportLocationStepProps {
  location: ReportLocation | undefined
  /** The map's camera now, for "use the centre of the map". */
  camera: Camera | undefined
  cityId: string
  error: string | undefined
  onChange(location: ReportLocation): void
}

type DeviceState = { status: 'idle' } | { status: 'locating' } | { status: 'failed'; reason: 'denied' | 'unavailable' | 'unsupported' }

/** How long to wait for the device's position before saying it is unavailable. */
const GEOLOCATION_TIMEOUT_MS = 15_000

/**
 * Step 1: where the problem is. The resident taps the map (the pin can then be dragged), uses
 * their device's position, the centre of the map (for keyboard users, who pan with the arrow
 * keys), or an address from the search.
 */
export function ReportLocationStep({ location, camera, cityId, error, onChange }: ReportLocationStepProps) {
  const { t } = useTranslation()
  const [device, setDevice] = useState<DeviceState>({ status: 'idle' })

  const locateDevice = () => {
    if (!('geolocation' in navigator)) {
      setDevice({ status: 'failed', reason: 'unsupported' })
      return
    }
    setDevice({ status: 'locating' })
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        setDevice({ status: 'idle' })
        onChange({ lon: coords.longitude, lat: coords.latitude, source: 'device' })
      },
      (failure) => setDevice({ status: 'failed', reason: failure.code === failure.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      { enableHighAccuracy: true, timeout: GEOLOCATION_TIMEOUT_MS, maximumAge: 60_000 },
    )
  }

  return (
    <div className="report-step">
      <p className="field-hint">{t('report.location.hint')}</p>
      <div className="report-step__actions">
        <button type="button" className="button button--secondary" onClick={locateDevice} disabled={device.status === 'locating'}>
          {device.status === 'locating' ? t('report.location.locating') : t('report.location.device')}
        </button>
        {camera && (
          <button
            type="button"
            className="button button--secondary"
            data-location="centre"
            onClick={() => onChange({ lon: camera.lon, lat: camera.lat, source: 'map' })}
          >
            {t('report.location.centre')}
          </button>
        )}
      </div>
      {device.status === 'failed' && (
        <p className="input-error" role="alert">
          {t(`report.location.device_${device.reason}`)}
        </p>
      )}
      <FieldAddressSearch cityId={cityId} onPick={(entry) => onChange({ lon: entry.lon, lat: entry.lat, source: 'search', label: entry.label })} />
      <p className="report-location__chosen" role="status" id="report-location-chosen">
        {location
          ? t('report.location.chosen', {
              place: location.label ?? `${location.lat.toFixed(5)}, ${location.lon.toFixed(5)}`,
            })
          : t('report.location.none')}
      </p>
      <InputError id="report-location-error" message={error} />
    </div>
  )
}
