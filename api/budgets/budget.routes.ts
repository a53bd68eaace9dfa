import { Hono } from 'hono'
import type { AppEnv } from '../http/index.ts'
import { ballotRoutes } from './ballot.routes.ts'
import { editionRoutes } from './edition.routes.ts'
import { implementationRoutes } from './implementation.routes.ts'
import { proposalFileRoutes } from './proposal-files.routes.ts'
import { proposalRoutes } from './proposal.routes.ts'
import { resultsRoutes } from './results.routes.ts'

/** Participatory budgets under `/api/budgets`: editions, proposals, ballots, the count and the winners' construction. */
export const budgetRoutes = new Hono<AppEnv>().route('/', editionRoutes).route('/', proposalRoutes).route('/', ballotRoutes).route('/', resultsRoutes).route('/', implementationRoutes).route('/', proposalFileRoutes)
