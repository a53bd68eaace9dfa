import { z } from 'zod'
import {
  BudgetEdition,
  BudgetProposal,
  BudgetResults,
  CoauthorInvitation,
  MyBallot,
  PaperBatch,
  Precheck,
  ProposalCreated,
  ReceiptCheck,
  VotingFlag,
  type BudgetPatchBody,
  type BudgetPhase,
  type BudgetPhaseName,
  type ImplementationStatus,
  type ProposalCreateBody,
  type ProposalGeometry,
  type ProposalStatus,
} from '../../api/contract/index.ts'
import { sendJson } from '../api-client/index.ts'

/*
 * Participatory budgets as the section's pages read and write them: the contract's schemas, and the writes.
 */

export type { BudgetEdition, BudgetPhase, BudgetPhaseName, BudgetProposal, BudgetResults, ImplementationStatus, MyBallot, Precheck, ProposalGeometry, ProposalStatus }
export { BUDGET_PHASES, IMPLEMENTATION_STATUSES, LAND_OWNERSHIP, PROPOSAL_CATEGORIES, PROPOSAL_STAGE_COLORS, PROPOSAL_STATUSES } from '../../api/contract/index.ts'

/** `GET /api/budgets/{id}`. */
export const EditionSchema = BudgetEdition
/** `GET /api/budgets?city=`: newest year first. */
export const EditionListSchema = z.array(BudgetEdition)
/** `GET /api/budgets/{id}/proposals/{pid}`. */
export const ProposalSchema = BudgetProposal
/** `GET /api/budgets/{id}/proposals`. */
export const ProposalListSchema = z.array(BudgetProposal)
/** `GET /api/budgets/{id}/ballot`. */
export const BallotSchema = MyBallot
/** `GET /api/budgets/{id}/results`. */
export const ResultsSchema = BudgetResults

/** A proposal's category. */
export type ProposalCategory = ProposalCreateBody['category']

/** `POST /api/budgets/{id}/precheck`: what the city's data says about a place. */
export function precheckPlace(edition: number, geometry: ProposalGeometry, signal?: AbortSignal): Promise<Precheck> {
  return sendJson(`/api/budgets/${edition}/precheck`, Precheck, { body: { geometry }, signal })
}

/** `POST /api/budgets/{id}/proposals`: submits a proposal, or keeps it as a draft with `draft: true`. */
export function createProposal(edition: number, body: Omit<ProposalCreateBody, 'draft'> & { draft: boolean }): Promise<z.infer<typeof ProposalCreated>> {
  return sendJson(`/api/budgets/${edition}/proposals`, ProposalCreated, { body })
}

/** `POST …/submit`: submits a draft kept earlier. */
export function submitDraft(edition: number, proposal: string): Promise<z.infer<typeof ProposalCreated>> {
  return sendJson(`/api/budgets/${edition}/proposals/${proposal}/submit`, ProposalCreated, { body: {} })
}

/** What a reviewer decides of a proposal. */
export interface ReviewInput {
  feasible: boolean
  reason: string
  cost?: number
  cost_note: string
}

/** `POST …/review`: feasible or not, with the reason, and the cost when the reviewers change it. */
export function reviewProposal(edition: number, proposal: string, body: ReviewInput): Promise<BudgetProposal> {
  return sendJson(`/api/budgets/${edition}/proposals/${proposal}/review`, BudgetProposal, { body })
}

/** `PUT /api/budgets/{id}/ballot`: the whole ballot, with the declarations the rules ask for. */
export function castBallot(edition: number, proposals: readonly string[], declaration?: { age: boolean; residence: boolean }): Promise<MyBallot> {
  return sendJson(`/api/budgets/${edition}/ballot`, MyBallot, { method: 'PUT', body: declaration ? { proposals, declaration } : { proposals } })
}

/** `POST /api/budgets/{id}/receipts`: whether the ballot a receipt names is counted, and how. */
export function checkReceipt(edition: number, receipt: string): Promise<z.infer<typeof ReceiptCheck>> {
  return sendJson(`/api/budgets/${edition}/receipts`, ReceiptCheck, { body: { receipt } })
}

/** `PATCH /api/budgets/{id}`: changes an edition (staff), e.g. moves a phase. */
export function patchEdition(edition: number, body: BudgetPatchBody): Promise<BudgetEdition> {
  return sendJson(`/api/budgets/${edition}`, BudgetEdition, { method: 'PATCH', body })
}

/** `POST /api/budgets/{id}/results`: counts the ballots and publishes the results (staff). */
export function computeResults(edition: number): Promise<BudgetResults> {
  return sendJson(`/api/budgets/${edition}/results`, BudgetResults, { body: {} })
}

/** A change of a winner's construction; absent fields stay as they are. */
export interface ImplementationInput {
  status?: ImplementationStatus
  progress?: number
  spent?: number
  prozorro_id?: string | null
  note?: string
}

/** `PATCH …/implementation`: updates a winner's construction (staff); followers are mailed. */
export function updateImplementation(edition: number, proposal: string, body: ImplementationInput): Promise<BudgetProposal> {
  return sendJson(`/api/budgets/${edition}/proposals/${proposal}/implementation`, BudgetProposal, { method: 'PATCH', body })
}

/** `POST …/implementation/milestones`: adds a milestone to a winner's construction (staff). */
export function addMilestone(edition: number, proposal: string, body: { title: string; note: string; due_on: string | null; done_on: string | null }): Promise<BudgetProposal> {
  return sendJson(`/api/budgets/${edition}/proposals/${proposal}/implementation/milestones`, BudgetProposal, { body })
}

/** `POST` or `DELETE …/follow`: follows a project's construction by mail, or stops. */
export function setFollowing(edition: number, proposal: string, follow: boolean): Promise<undefined> {
  return sendJson(`/api/budgets/${edition}/proposals/${proposal}/follow`, z.undefined(), { method: follow ? 'POST' : 'DELETE', body: {} })
}

/** A file sent as multipart with its text fields. */
function formOf(fields: Record<string, string | File>): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  return form
}

/** `POST …/photos`: the author adds a photo to their proposal before its review. */
export function addProposalPhoto(edition: number, proposal: string, photo: File, caption: string): Promise<BudgetProposal> {
  return sendJson(`/api/budgets/${edition}/proposals/${proposal}/photos`, BudgetProposal, { body: formOf({ photo, caption }) })
}

/** `POST …/implementation/photos`: the commission adds a photo of a winner's construction. */
export function addImplementationPhoto(edition: number, proposal: string, photo: File, caption: string): Promise<BudgetProposal> {
  return sendJson(`/api/budgets/${edition}/proposals/${proposal}/implementation/photos`, BudgetProposal, { body: formOf({ photo, caption }) })
}

/** `POST …/documents`: the author attaches a PDF (an estimate, a drawing, a letter of support) to their proposal. */
export function addProposalDocument(edition: number, proposal: string, file: File, title: string): Promise<BudgetProposal> {
  return sendJson(`/api/budgets/${edition}/proposals/${proposal}/documents`, BudgetProposal, { body: formOf({ file, title }) })
}

/** `POST …/coauthor-invitation`: a new link for co-authors (the previous one stops working). */
export function inviteCoauthors(edition: number, proposal: string): Promise<z.infer<typeof CoauthorInvitation>> {
  return sendJson(`/api/budgets/${edition}/proposals/${proposal}/coauthor-invitation`, CoauthorInvitation, { body: {} })
}

/** `POST …/coauthors`: join a proposal with the invitation's token. */
export function joinCoauthors(edition: number, proposal: number, token: string): Promise<BudgetProposal> {
  return sendJson(`/api/budgets/${edition}/proposals/${proposal}/coauthors`, BudgetProposal, { body: { token } })
}

/** `GET /api/budgets/{id}/flags`: patterns for the commission. */
export const FlagListSchema = z.array(VotingFlag)

/** `POST /api/budgets/{id}/paper-ballots`: a batch of paper ballots under its protocol's reference. */
export function enterPaperBallots(edition: number, body: { batch: string; ballots: Array<{ proposals: string[] }> }): Promise<z.infer<typeof PaperBatch>> {
  return sendJson(`/api/budgets/${edition}/paper-ballots`, PaperBatch, { body })
}

/** `POST …/withdraw`: the authors take a proposal back before its review. */
export function withdrawProposal(edition: number, proposal: string): Promise<BudgetProposal> {
  return sendJson(`/api/budgets/${edition}/proposals/${proposal}/withdraw`, BudgetProposal, { body: {} })
}
