import { useEffect } from 'react'
import { AppealCategoryListSchema, type AppealCategory } from '../api-client/index.ts'
import { useApiResource, type ApiResource } from '../hooks/index.ts'
import type { Language } from '../url-state/index.ts'
import { useReportFlow, type ReportFlow } from './use-report-flow.ts'

/** The report flow with the category catalogue it draws on. */
export interface ReportFlowWithCategories {
  flow: ReportFlow
  categories: ApiResource<AppealCategory[]>
  /** The chosen category, once the catalogue has loaded. */
  category: AppealCategory | undefined
}

/**
 * The report flow for a city. The category catalogue is loaded only while `active` (the sheet
 * is open), so the map's first render does not wait for it; it is fetched once in the background.
 */
export function useReport(cityId: string | undefined, language: Language, active: boolean): ReportFlowWithCategories {
  const url = cityId && `/api/appeal-categories?city=${encodeURIComponent(cityId)}`
  // Read once in the background while there is a connection, so that the service worker has
  // the catalogue when a report is written offline later.
  useEffect(() => {
    if (!url || !navigator.onLine) return
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 2000))
    idle(() => void fetch(url).catch(() => undefined))
  }, [url])
  const categories = useApiResource(active ? url : undefined, AppealCategoryListSchema)
  const list = categories.status === 'ready' ? categories.data : []
  const flow = useReportFlow(cityId ?? '', list, language)
  return { flow, categories, category: list.find((candidate) => candidate.id === flow.draft.categoryId) }
}
