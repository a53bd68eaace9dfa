import { Work, WorkListQuery, WorkPage } from '../../api/contract/index.ts'
import type { ListViewSpec } from '../property/index.ts'

/*
 * Works as the section's pages read them: the contract's schemas, and the calendar's view in the URL.
 */

export type { Work, WorkBody, WorkKind, WorkPatchBody, WorkSubscriptionBody } from '../../api/contract/index.ts'
export { SWITCHED_OFF, WORK_KINDS, WORK_STATUSES, WORK_TYPES, WORK_WINDOWS } from '../../api/contract/index.ts'

/** `GET /api/works` (JSON): a page of works. */
export const WorkPageSchema = WorkPage
/** `GET /api/works/{id}`, and what a write answers. */
export const WorkSchema = Work

export const WORK_FILTERS = ['city', 'kind', 'switched_off', 'when'] as const
export type WorkFilter = (typeof WORK_FILTERS)[number]

/** The works calendar: `/works` over `GET /api/works`. */
export const WORKS_VIEW: ListViewSpec<WorkFilter> = { path: '/works', api: '/api/works', filters: WORK_FILTERS, schema: WorkListQuery }

/** The colour of each kind of works on the map and in the legend: an emergency stands out. */
export const WORK_KIND_COLORS = { emergency: '#d7191c', planned: '#2c7bb6', repair: '#7b3294' } as const
