import { useEffect, useState } from 'react'
import { AppealPointsSchema, fetchJson } from '../api-client/index.ts'
import type { AppealFilter } from '../url-state/index.ts'

/** One appeal as the density views need it: where it is. */
export type AppealPoint = [lon: number, lat: number]

/** The API's largest page. */
const PAGE_SIZE = 500
/** Enough for a city's density picture; past this the heatmap does not change visibly. */
const MAX_PAGES = 20

/** The list API's query for a city and a filter, in GeoJSON. */
export function appealPointsQuery(cityId: string, filter: AppealFilter | undefined, offset: number): string {
  const query = new URLSearchParams({ city: cityId, format: 'geojson', limit: String(PAGE_SIZE), offset: String(offset) })
  if (filter?.statuses?.length) query.set('status', filter.statuses.join(','))
  if (filter?.categories?.length) query.set('category', filter.categories.join(','))
  if (filter?.from) query.set('from', filter.from)
  if (filter?.to) query.set('to', filter.to)
  return `/api/appeals?${query}`
}

/**
 * The points of a city's public appeals that pass `filter`, fetched page by page from the list
 * API (the filter is applied by the server, clusters and all). Empty while `enabled` is false,
 * before the first page arrives, and after a failure, which is logged.
 */
export function useAppealPoints(cityId: string | undefined, filter: AppealFilter | undefined, enabled: boolean): AppealPoint[] {
  const [points, setPoints] = useState<AppealPoint[]>([])
  const firstPage = cityId && enabled ? appealPointsQuery(cityId, filter, 0) : undefined

  useEffect(() => {
    if (!cityId || !firstPage) return
    const controller = new AbortController()
    const load = async () => {
      const collected: AppealPoint[] = []
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const url = appealPointsQuery(cityId, filter, page * PAGE_SIZE)
        const body = await fetchJson(url, AppealPointsSchema, controller.signal)
        collected.push(...body.features.map((feature) => feature.geometry.coordinates))
        if (collected.length >= body.numberMatched || body.features.length < PAGE_SIZE) break
      }
      return collected
    }
    load().then(setPoints, (error: unknown) => {
      if (controller.signal.aborted) return
      console.error('Could not load the appeals for the density view:', error)
      setPoints([])
    })
    return () => controller.abort()
    // The first page's URL holds the city and the whole filter.
  }, [firstPage])

  return firstPage ? points : []
}
