import type { Geometry } from 'geojson'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ObjectMap } from './ObjectMap.tsx'

/** One fact of an object's page: its label and its value; a value that is null, undefined, false or empty is left out. */
export type Fact = [label: string, value: ReactNode | null | undefined | false, key?: string]

/** An object's public attributes as a description list, each under its label; empty values are left out. */
export function ObjectFacts({ facts, label }: { facts: readonly Fact[]; label: string }) {
  return (
    <dl className="property-facts" aria-label={label}>
      {facts
        .filter(([, value]) => value !== null && value !== undefined && value !== false && value !== '')
        .map(([name, value, key]) => (
          <div key={key ?? name} className="property-facts__row" data-fact={key}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  )
}

/** A small map of one object's shape, in its status colour. */
export function ObjectShapeMap({ cityId, id, geometry, status, colours }: { cityId: string; id: number; geometry: unknown; status: string; colours: Readonly<Record<string, string>> }) {
  const { t } = useTranslation()
  const objects = { type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, id, geometry: geometry as Geometry, properties: { status } }] }
  return <ObjectMap cityId={cityId} objects={objects} colours={colours} selected={id} followSelection={false} onSelect={() => {}} label={t('property.object.mapLabel')} className="property-shape-map" />
}

/** A list of values joined in the reader's language ("water, power and gas"). */
export function joinList(values: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(values)
}
