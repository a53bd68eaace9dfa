import { z } from 'zod'
import { Timestamp } from './common.ts'
import { apiRoute } from './route.ts'

/** The kinds of object the audit trail follows. */
export const AUDIT_OBJECT_TYPES = ['appeal', 'user', 'organisation', 'category', 'routing-rule', 'layer', 'deputy', 'project', 'consultation', 'budget', 'budget-proposal', 'property', 'investment-object', 'street-structure', 'work'] as const
export type AuditObject = (typeof AUDIT_OBJECT_TYPES)[number]

/** What an audited change did: attribute → `[before, after]`. */
export const AuditChanges = z
  .record(z.string(), z.tuple([z.unknown(), z.unknown()]))
  .meta({ id: 'AuditChanges', description: 'Each changed attribute with its value before and after.' })
export type AuditChanges = z.infer<typeof AuditChanges>

/** One row of the audit trail, with the acting user's name when the actor is a user. */
export const AuditEntry = z
  .object({
    id: z.number().int(),
    at: Timestamp,
    actor: z.string().meta({ description: '`user:<id>`, or the part of the system that acted, e.g. `system:deadlines`.' }),
    actor_name: z.string().nullable(),
    action: z.string(),
    object_type: z.enum(AUDIT_OBJECT_TYPES),
    object_id: z.string(),
    changes: AuditChanges,
  })
  .meta({ id: 'AuditEntry' })
export type AuditEntry = z.infer<typeof AuditEntry>

/** One page of the audit trail and the number of rows that match. */
export const AuditPage = z.object({ total: z.number().int().nonnegative(), items: z.array(AuditEntry) }).meta({ id: 'AuditPage' })

/** `GET /api/audit`: each filter given narrows the list. */
export const AuditQuery = z.object({
  object_type: z.enum(AUDIT_OBJECT_TYPES).optional(),
  object_id: z.string().trim().min(1).max(200).optional(),
  actor: z.string().regex(/^[a-z0-9]{1,32}(:[\w.-]{1,64})?$/, 'must be an actor like user:12').optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

export const listAuditRoute = apiRoute({
  method: 'get',
  path: '/api/audit',
  summary: 'Search the audit trail',
  description:
    'Who changed what, attribute by attribute, newest first, within what the role may read: administrators everything, moderators the rows of appeals, heads of organisations the rows of appeals assigned to their organisation now or before. Asking for a kind of object outside that is 403.',
  tags: ['audit'],
  request: { query: AuditQuery },
  responses: { 200: { description: 'One page of rows.', schema: AuditPage } },
  security: ['session'],
  problems: [401, 403],
})

/** The routes of `/api/audit`. */
export const AUDIT_ROUTES = [listAuditRoute]
