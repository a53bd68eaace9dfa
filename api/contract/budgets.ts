import { z } from 'zod'
import { LocalizedText, pointOrPolygon, Slug, Timestamp } from './common.ts'
import { apiRoute } from './route.ts'

/** The phases of an edition, in the order they follow each other. */
export const BUDGET_PHASES = ['submission', 'review', 'voting', 'results', 'implementation'] as const
export type BudgetPhaseName = (typeof BUDGET_PHASES)[number]

/** `approval`: up to N proposals; `knapsack`: any proposals whose cost fits the district's money. */
export const VOTING_METHODS = ['approval', 'knapsack'] as const
export type VotingMethod = (typeof VOTING_METHODS)[number]

/** Classes of project size a district's money may be split into. */
export const SIZE_CLASSES = ['small', 'large'] as const
export type SizeClass = (typeof SIZE_CLASSES)[number]

/**
 * Where a proposal is: the author's `draft`; `submitted` for review; `feasible` (on the ballot)
 * or `not_feasible` after review; `withdrawn` by its author before review.
 */
export const PROPOSAL_STATUSES = ['draft', 'submitted', 'feasible', 'not_feasible', 'withdrawn'] as const
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number]

/** Why a proposal did or did not win, as the count says (docs/budget-results.md). */
export const RESULT_OUTCOMES = ['won', 'does-not-fit', 'below-threshold', 'not-feasible'] as const

/** Where a winning project's construction is. */
export const IMPLEMENTATION_STATUSES = ['planned', 'design', 'procurement', 'in_progress', 'completed', 'cancelled'] as const
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number]

/** Where a public proposal is, as the `<city>-budget-proposals` layer's `stage` says. */
export const PROPOSAL_STAGES = ['submitted', 'feasible', 'not_feasible', 'not-won', 'won', 'being-built', 'built', 'cancelled'] as const
export type ProposalStage = (typeof PROPOSAL_STAGES)[number]

/** The colour of each stage, on the city map's layer and the section's own map alike. */
export const PROPOSAL_STAGE_COLORS: Readonly<Record<ProposalStage, string>> = {
  submitted: '#b45309',
  feasible: '#1d4ed8',
  not_feasible: '#b91c1c',
  'not-won': '#6b7280',
  won: '#15803d',
  'being-built': '#0e7490',
  built: '#14532d',
  cancelled: '#374151',
}

/** Who owns the land under a proposal, as the parcel layers say. */
export const LAND_OWNERSHIP = ['communal', 'state', 'private', 'unknown'] as const
export type LandOwnership = (typeof LAND_OWNERSHIP)[number]

/** The most hryvnias any amount may be: a billion covers the largest city's whole budget. */
const MAX_MONEY = 1_000_000_000_000
const Money = z.number({ error: 'must be a number of hryvnias' }).int('must be whole hryvnias').min(0, 'must not be negative').max(MAX_MONEY)
const PositiveMoney = Money.min(1, 'must be more than zero')

const humanText = (max: number) => z.string().trim().max(max).refine((s) => !s.includes('\0'), 'must not contain NUL characters')
const Title = z.object({ uk: humanText(200).min(1, 'must not be empty'), en: humanText(200) })
const Description = z.object({ uk: humanText(5000), en: humanText(5000) })

/** A phase of an edition: its window, start inclusive, end exclusive. */
export const BudgetPhase = z
  .object({ name: z.enum(BUDGET_PHASES), starts_at: Timestamp, ends_at: Timestamp })
  .strict()
  .meta({ id: 'BudgetPhase' })
export type BudgetPhase = z.infer<typeof BudgetPhase>

/** The rules of an edition. */
export const BudgetRules = z
  .object({
    voting: z.enum(VOTING_METHODS),
    votes_per_voter: z.number().int().min(1, 'must be at least 1').max(100).default(1).meta({ description: 'With `approval`: how many proposals a voter may choose. With `knapsack`: unused (the money is the limit).' }),
    min_cost: Money.default(0).meta({ description: 'The least a proposal may cost, in hryvnias.' }),
    max_cost: PositiveMoney.nullable().default(null).meta({ description: 'The most a proposal may cost; null for no limit beyond its district’s money.' }),
    verified_only: z.boolean().default(false).meta({ description: 'Only voters who signed in with the identity provider (id.gov.ua, BankID) may vote; otherwise any account with a confirmed e-mail.' }),
    min_age: z.number().int().min(14).max(100).nullable().default(null).meta({ description: 'Voters declare they are at least this old; null for no declaration.' }),
    residence_declaration: z.boolean().default(false).meta({ description: 'Voters declare they live, work or study in the hromada.' }),
    min_votes: z.number().int().min(0).max(10_000_000).default(0).meta({ description: 'A proposal with fewer votes does not win, whatever money is left.' }),
  })
  .strict()
  .meta({ id: 'BudgetRules' })
export type BudgetRules = z.infer<typeof BudgetRules>

/** A pot of money: the whole city, a district, or a district's class of projects. */
export const BudgetPotInput = z
  .object({
    district_id: z.number().int().positive().nullable().default(null).meta({ description: "One of the city's districts (`GET /api/cities/{id}`); null for the whole city." }),
    size_class: z.enum(SIZE_CLASSES).nullable().default(null),
    money: PositiveMoney,
    max_cost: PositiveMoney.nullable().default(null).meta({ description: 'The most a proposal of this class may cost (the small class’s ceiling).' }),
  })
  .strict()
  .meta({ id: 'BudgetPotInput' })

export const BudgetPot = z
  .object({
    key: z.string().meta({ description: '`city`, `d<district id>`, or either followed by `:small`/`:large`.', example: 'd3:small' }),
    district: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    size_class: z.enum(SIZE_CLASSES).nullable(),
    money: Money,
    max_cost: Money.nullable(),
  })
  .meta({ id: 'BudgetPot' })
export type BudgetPot = z.infer<typeof BudgetPot>

/** An edition as everyone sees it. */
export const BudgetEdition = z
  .object({
    id: z.number().int().positive(),
    city: Slug,
    year: z.number().int(),
    title: LocalizedText,
    description: LocalizedText,
    total: Money,
    rules: BudgetRules,
    phases: z.array(BudgetPhase),
    phase: z.enum(BUDGET_PHASES).nullable().meta({ description: 'The phase now, by the server’s clock; null before the first and between phases.' }),
    pots: z.array(BudgetPot).meta({ description: "The districts' (and classes') money; one `city` pot when the edition has no districts." }),
    districts: z.array(z.object({ id: z.number().int(), name: z.string(), money: Money })).meta({ description: 'The money of each district (all its classes together).' }),
    proposals: z.object({ submitted: z.number().int(), feasible: z.number().int(), winners: z.number().int() }),
    results_published: z.boolean(),
    past: z.boolean().meta({ description: 'A past edition loaded with its published totals: no ballots to recompute from.' }),
    synthetic: z.boolean().meta({ description: 'Made up for the demonstration.' }),
    layer: Slug.meta({ description: 'The `<city>-budget-proposals` layer its public proposals are drawn in.' }),
    created_at: Timestamp,
  })
  .meta({ id: 'BudgetEdition' })
export type BudgetEdition = z.infer<typeof BudgetEdition>

/** `POST /api/budgets`. */
export const BudgetCreateBody = z
  .object({
    city: Slug,
    year: z.number().int().min(2000).max(2100),
    title: Title,
    description: Description.default({ uk: '', en: '' }),
    total: PositiveMoney,
    rules: BudgetRules,
    phases: z.array(BudgetPhase).min(1).max(BUDGET_PHASES.length),
    pots: z.array(BudgetPotInput).max(200).default([]).meta({ description: 'District and class money; empty: one pot of the whole total for the city.' }),
  })
  .strict()
  .meta({ id: 'BudgetCreateBody' })
export type BudgetCreateBody = z.infer<typeof BudgetCreateBody>

/** `PATCH /api/budgets/{id}`: any fields of the edition. Phases are merged by name; a phase moved later moves the ones after it. */
export const BudgetPatchBody = z
  .object({
    year: z.number().int().min(2000).max(2100),
    title: Title,
    description: Description,
    total: PositiveMoney,
    rules: BudgetRules.partial(),
    phases: z.array(BudgetPhase).min(1).max(BUDGET_PHASES.length),
    pots: z.array(BudgetPotInput).max(200),
  })
  .partial()
  .strict()
  .meta({ id: 'BudgetPatchBody' })
export type BudgetPatchBody = z.infer<typeof BudgetPatchBody>

export const BudgetQuery = z.object({ city: Slug.optional() })
export const BudgetParams = z.object({ id: z.coerce.number().int('must be an edition id').min(1).max(Number.MAX_SAFE_INTEGER) })
export const ProposalParams = BudgetParams.extend({ pid: z.coerce.number().int('must be a proposal id').min(1).max(Number.MAX_SAFE_INTEGER) })

/** A proposal's place: a point, or an area drawn on the map. */
export const ProposalGeometry = pointOrPolygon().meta({ id: 'ProposalGeometry', description: 'A GeoJSON Point or Polygon in lon/lat (EPSG:4326).' })
export type ProposalGeometry = z.infer<typeof ProposalGeometry>

export const CostItem = z
  .object({ name: humanText(200).min(1, 'must name the item'), amount: PositiveMoney })
  .strict()
  .meta({ id: 'CostItem' })

/** The proposal categories the web app offers; an edition's own words are taken too. */
export const PROPOSAL_CATEGORIES = ['public-space', 'sport', 'education', 'culture', 'health', 'environment', 'transport', 'safety', 'accessibility', 'energy', 'social', 'other'] as const

const Category = humanText(60)
  .min(1, 'must name the category')
  .meta({ description: `One of ${PROPOSAL_CATEGORIES.map((c) => `\`${c}\``).join(', ')}, or the edition's own word.` })

/** `POST /api/budgets/{id}/proposals`. */
export const ProposalCreateBody = z
  .object({
    title: humanText(200).min(3, 'must say what the project is'),
    description: humanText(10_000).min(1, 'must describe the project'),
    category: Category,
    geometry: ProposalGeometry,
    cost_items: z.array(CostItem).min(1, 'must list at least one cost item').max(50),
    draft: z.boolean().default(false).meta({ description: 'Keep it as the author’s draft; submit it later with `POST …/submit`.' }),
  })
  .strict()
  .meta({ id: 'ProposalCreateBody' })
export type ProposalCreateBody = z.infer<typeof ProposalCreateBody>

/** `PATCH /api/budgets/{id}/proposals/{pid}`: the author edits a draft. */
export const ProposalPatchBody = ProposalCreateBody.omit({ draft: true }).partial().strict().meta({ id: 'ProposalPatchBody' })

/** A parcel under a proposal. */
export const PrecheckLand = z
  .object({
    layer: Slug,
    feature_id: z.number().int(),
    cadnum: z.string().nullable(),
    ownership: z.enum(LAND_OWNERSHIP),
    ownership_text: z.string().nullable().meta({ description: 'As the parcel layer says it.' }),
    purpose: z.string().nullable(),
    share: z.number().min(0).max(1).meta({ description: 'The share of the proposal’s area on this parcel (1 for a point on it).' }),
  })
  .meta({ id: 'PrecheckLand' })

/** A plan the proposal falls in. */
export const PrecheckPlan = z
  .object({ layer: Slug, title: LocalizedText, document_type: z.string().nullable(), status: z.string(), feature_id: z.number().int(), label: z.string().nullable() })
  .meta({ id: 'PrecheckPlan' })

/** Something near the proposal: an open appeal, another proposal, a planned repair. */
export const PrecheckNearby = z
  .object({
    kind: z.enum(['appeal', 'proposal', 'repair']),
    id: z.string(),
    title: z.string(),
    status: z.string(),
    distance_m: z.number().nonnegative(),
    url: z.string().nullable(),
  })
  .meta({ id: 'PrecheckNearby' })

/** A hint for the author and the reviewers. Never a verdict. */
export const PrecheckHint = z
  .object({ level: z.enum(['info', 'warning']), code: z.string(), message: LocalizedText })
  .meta({ id: 'PrecheckHint' })

/** What the city's own data says about a place: hints, not verdicts. */
export const Precheck = z
  .object({
    district: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    pot: z.string().nullable().meta({ description: 'The pot the proposal would be counted in; null when none takes it (outside every district).' }),
    land: z.array(PrecheckLand),
    plans: z.array(PrecheckPlan),
    nearby: z.array(PrecheckNearby),
    hints: z.array(PrecheckHint),
  })
  .meta({ id: 'Precheck' })
export type Precheck = z.infer<typeof Precheck>

export const PrecheckBody = z.object({ geometry: ProposalGeometry, cost: Money.optional() }).strict().meta({ id: 'PrecheckBody' })

/** The review of a proposal, public. */
export const ProposalReview = z
  .object({
    feasible: z.boolean(),
    reason: z.string(),
    cost_note: z.string(),
    original_cost: Money.meta({ description: 'The cost the author gave, before review.' }),
    reviewed_at: Timestamp,
  })
  .meta({ id: 'ProposalReview' })

/** `POST /api/budgets/{id}/proposals/{pid}/review`. */
export const ProposalReviewBody = z
  .object({
    feasible: z.boolean(),
    reason: humanText(5000).default(''),
    cost: PositiveMoney.optional().meta({ description: 'The cost after review, when the reviewers change it.' }),
    cost_note: humanText(2000).default('').meta({ description: 'Why the cost changed; when it does and this is empty, the reason says why.' }),
  })
  .strict()
  .meta({ id: 'ProposalReviewBody' })

/** A milestone of a winner's construction. */
export const Milestone = z
  .object({
    id: z.number().int(),
    title: z.string(),
    note: z.string(),
    due_on: z.iso.date().nullable(),
    done_on: z.iso.date().nullable(),
    created_at: Timestamp,
  })
  .meta({ id: 'Milestone' })

/** A winner's construction, as residents follow it. */
export const Implementation = z
  .object({
    status: z.enum(IMPLEMENTATION_STATUSES),
    progress: z.number().int().min(0).max(100),
    spent: Money,
    prozorro_id: z.string().nullable().meta({ description: 'The Prozorro tender, e.g. `UA-2026-03-12-000123-a`.', example: 'UA-2026-03-12-000123-a' }),
    note: z.string(),
    milestones: z.array(Milestone),
    updated_at: Timestamp,
    followers: z.number().int().nonnegative(),
  })
  .meta({ id: 'Implementation' })

/** A photo of a proposal (the author's) or of its construction (the city's), re-encoded without its metadata. */
export const ProposalPhoto = z
  .object({
    id: z.number().int(),
    stage: z.enum(['proposal', 'implementation']),
    caption: z.string(),
    url: z.url(),
    thumb: z.url(),
    created_at: Timestamp,
  })
  .meta({ id: 'ProposalPhoto' })

/** A PDF attached to a proposal: an estimate, a drawing, a letter of support. */
export const ProposalDocument = z
  .object({ id: z.string(), title: z.string(), url: z.url(), bytes: z.number().int(), pages: z.number().int().nullable(), created_at: Timestamp })
  .meta({ id: 'ProposalDocument' })

/** The most photos a proposal, or its construction, may have. */
export const MAX_PROPOSAL_PHOTOS = 5
/** The most PDFs a proposal may have. */
export const MAX_PROPOSAL_DOCUMENTS = 5

/** A proposal as everyone sees it. Never who wrote it. */
export const BudgetProposal = z
  .object({
    id: z.string().meta({ description: 'The proposal id, as ballots name it.', example: '42' }),
    edition: z.number().int(),
    title: z.string(),
    description: z.string(),
    category: z.string(),
    geometry: z.object({ type: z.enum(['Point', 'Polygon']), coordinates: z.array(z.unknown()) }),
    district: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    pot: z.string(),
    size_class: z.enum(SIZE_CLASSES).nullable(),
    cost: Money.meta({ description: 'The total of its cost items, or the cost after review.' }),
    cost_items: z.array(z.object({ name: z.string(), amount: Money })),
    status: z.enum(PROPOSAL_STATUSES),
    review: ProposalReview.nullable(),
    precheck: Precheck.nullable().meta({ description: 'As computed when it was submitted.' }),
    votes: z.number().int().nullable().meta({ description: 'Once the results are published; null before.' }),
    outcome: z.enum(RESULT_OUTCOMES).nullable(),
    implementation: Implementation.nullable(),
    photos: z.array(ProposalPhoto).meta({ description: "The author's photos, then the construction's." }),
    documents: z.array(ProposalDocument),
    co_authors: z.number().int().nonnegative().meta({ description: 'How many residents wrote it with its author (never who).' }),
    mine: z.boolean().meta({ description: 'Whether the signed-in user wrote it (as its author or a co-author).' }),
    following: z.boolean().meta({ description: 'Whether the signed-in user follows its construction.' }),
    synthetic: z.boolean(),
    submitted_at: Timestamp.nullable(),
    created_at: Timestamp,
  })
  .meta({ id: 'BudgetProposal' })
export type BudgetProposal = z.infer<typeof BudgetProposal>

/** What `POST …/proposals` answers: the proposal and the pre-check of its place. */
export const ProposalCreated = BudgetProposal.extend({ district: BudgetProposal.shape.district, cost: Money, precheck: Precheck }).meta({ id: 'ProposalCreated' })

export const ProposalListQuery = z.object({
  status: z.enum(PROPOSAL_STATUSES).optional(),
  district: z.coerce.number().int().positive().optional(),
  mine: z.enum(['1', 'true']).optional().meta({ description: 'Only the signed-in user’s own, drafts included.' }),
})

/** The declarations a voter makes when the rules ask for them. */
export const VoterDeclaration = z
  .object({ age: z.boolean().default(false), residence: z.boolean().default(false) })
  .strict()
  .meta({ id: 'VoterDeclaration' })

const ProposalRef = z.union([z.string().regex(/^[1-9][0-9]{0,15}$/, 'must be a proposal id'), z.number().int().positive().max(Number.MAX_SAFE_INTEGER)]).transform(String)

/** `PUT /api/budgets/{id}/ballot`: the whole ballot; an empty list withdraws it. */
export const BallotBody = z
  .object({ proposals: z.array(ProposalRef).max(500), declaration: VoterDeclaration.optional() })
  .strict()
  .meta({ id: 'BallotBody' })

/** What is left to give: votes (approval) or money per pot (knapsack). */
export const BallotRemaining = z
  .object({ votes: z.number().int().nullable(), money: z.record(z.string(), Money).nullable() })
  .meta({ id: 'BallotRemaining' })

/** A voter's ballot as they see it. */
export const MyBallot = z
  .object({
    receipt: z.string().nullable().meta({ description: 'The code that names this ballot as cast; its SHA-256 is in the published ballots. Changes with each change of the ballot.', example: 'K7QM-2XPD-9RTV' }),
    proposals: z.array(z.string()),
    remaining: BallotRemaining,
    cast_at: Timestamp.nullable(),
    can_change_until: Timestamp.nullable(),
  })
  .meta({ id: 'MyBallot' })
export type MyBallot = z.infer<typeof MyBallot>

/** `POST /api/budgets/{id}/paper-ballots`: one batch of paper ballots entered by staff. */
export const PaperBallotsBody = z
  .object({
    batch: humanText(100).min(1, 'must name the batch (the protocol or box number)'),
    ballots: z.array(z.object({ proposals: z.array(ProposalRef).min(1).max(500) }).strict()).min(1).max(10_000),
  })
  .strict()
  .meta({ id: 'PaperBallotsBody' })

export const PaperBatch = z
  .object({ batch: z.string(), ballots: z.number().int(), receipts: z.array(z.string()), entered_at: Timestamp })
  .meta({ id: 'PaperBatch' })

/** `POST /api/budgets/{id}/receipts`: check a receipt. */
export const ReceiptCheckBody = z.object({ receipt: z.string().trim().max(40) }).strict()
export const ReceiptCheck = z
  .object({
    counted: z.boolean().meta({ description: 'Whether a ballot with this receipt is kept as the voter’s current one.' }),
    proposals: z.array(z.string()),
    source: z.enum(['online', 'paper']).nullable(),
    receipt_sha256: z.string().meta({ description: 'What to look for in the published ballots CSV.' }),
  })
  .meta({ id: 'ReceiptCheck' })

/** A proposal's line of the results. */
export const ResultLine = z
  .object({
    id: z.string(),
    title: z.string(),
    votes: z.number().int(),
    online_votes: z.number().int(),
    paper_votes: z.number().int(),
    cost: Money,
    district: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    pot: z.string(),
    rank: z.number().int(),
    outcome: z.enum(RESULT_OUTCOMES),
    won: z.boolean().meta({ description: 'After any override.' }),
    override: z.object({ won: z.boolean(), reason: z.string() }).nullable(),
  })
  .meta({ id: 'ResultLine' })

/** `POST /api/budgets/{id}/results`: compute, with any overrides the commission decided (each with its reason). */
export const ResultsBody = z
  .object({
    overrides: z.array(z.object({ proposal: ProposalRef, won: z.boolean(), reason: humanText(2000).min(1, 'must say why') }).strict()).max(100).default([]),
  })
  .strict()
  .meta({ id: 'ResultsBody' })

export const BudgetResults = z
  .object({
    edition: z.number().int(),
    winners: z.array(ResultLine),
    ranking: z.array(ResultLine),
    unspent: z.record(z.string(), Money),
    ballots: z.object({ online: z.number().int(), paper: z.number().int() }),
    ballots_csv: z.url().nullable().meta({ description: 'The anonymised ballots; null for a past edition loaded with its totals.' }),
    sha256: z.string().nullable().meta({ description: 'SHA-256 of the ballots CSV.' }),
    tie_rule: LocalizedText,
    computed_at: Timestamp,
  })
  .meta({ id: 'BudgetResults' })
export type BudgetResults = z.infer<typeof BudgetResults>

/** A pattern for the commission to look at. Nothing is dropped because of it. */
export const VotingFlag = z
  .object({
    kind: z.enum(['new-accounts-burst', 'shared-address']),
    proposal: z.string().nullable(),
    ballots: z.number().int(),
    detail: z.string(),
  })
  .meta({ id: 'VotingFlag' })

/** `PATCH …/implementation`. */
export const ImplementationPatchBody = z
  .object({
    status: z.enum(IMPLEMENTATION_STATUSES),
    progress: z.number().int().min(0).max(100),
    spent: Money,
    prozorro_id: z
      .string()
      .regex(/^UA-\d{4}-\d{2}-\d{2}-\d{6}-[a-z]$/, 'must be a Prozorro tender id like UA-2026-03-12-000123-a')
      .nullable(),
    note: humanText(5000),
  })
  .partial()
  .strict()
  .meta({ id: 'ImplementationPatchBody' })

/** `POST …/implementation/milestones`. */
export const MilestoneBody = z
  .object({ title: humanText(300).min(1, 'must name the milestone'), note: humanText(5000).default(''), due_on: z.iso.date().nullable().default(null), done_on: z.iso.date().nullable().default(null) })
  .strict()
  .meta({ id: 'MilestoneBody' })

const TAGS = ['budgets']
const ADMIN = { problems: [401, 403, 404, 409, 422] as const, security: ['session'] as const }

export const listBudgetsRoute = apiRoute({
  method: 'get',
  path: '/api/budgets',
  summary: 'Participatory-budget editions',
  tags: TAGS,
  request: { query: BudgetQuery },
  responses: { 200: { description: 'Newest year first.', schema: z.array(BudgetEdition) } },
})

export const createBudgetRoute = apiRoute({
  method: 'post',
  path: '/api/budgets',
  summary: 'Create an edition',
  description: "Phases must follow each other in order without overlapping. Pots name the city's districts; their money may not exceed the total.",
  tags: TAGS,
  request: { body: { json: BudgetCreateBody } },
  responses: { 201: { description: 'The edition. `Location` names it.', schema: BudgetEdition } },
  ...ADMIN,
})

export const getBudgetRoute = apiRoute({
  method: 'get',
  path: '/api/budgets/{id}',
  summary: 'An edition: phases, rules and money',
  tags: TAGS,
  request: { params: BudgetParams },
  responses: { 200: { description: 'The edition.', schema: BudgetEdition } },
  problems: [404],
})

export const patchBudgetRoute = apiRoute({
  method: 'patch',
  path: '/api/budgets/{id}',
  summary: 'Change an edition',
  description: 'Phases are merged by name; when a phase given moves later and overlaps the next one not given, that one (and the ones after it) move by as much. Rules and pots no longer change once voting has started.',
  tags: TAGS,
  request: { params: BudgetParams, body: { json: BudgetPatchBody } },
  responses: { 200: { description: 'The edition as changed.', schema: BudgetEdition } },
  ...ADMIN,
})

export const precheckRoute = apiRoute({
  method: 'post',
  path: '/api/budgets/{id}/precheck',
  summary: "What the city's data says about a place",
  description: 'The district, the land under it, the plans it falls in, open appeals, other proposals and planned repairs nearby. Hints, not verdicts.',
  tags: TAGS,
  request: { params: BudgetParams, body: { json: PrecheckBody } },
  responses: { 200: { description: 'The pre-check.', schema: Precheck } },
  problems: [404, 422],
})

export const listProposalsRoute = apiRoute({
  method: 'get',
  path: '/api/budgets/{id}/proposals',
  summary: "An edition's proposals",
  description: 'Submitted and reviewed proposals; with `mine=1`, the signed-in user’s own, drafts included.',
  tags: TAGS,
  request: { params: BudgetParams, query: ProposalListQuery },
  responses: { 200: { description: 'In submission order.', schema: z.array(BudgetProposal) } },
  problems: [404],
})

export const createProposalRoute = apiRoute({
  method: 'post',
  path: '/api/budgets/{id}/proposals',
  summary: 'Submit a proposal (or keep a draft)',
  description: 'During the submission phase only (a draft may be kept before it). The district is assigned by the place; the cost is the total of the items.',
  tags: TAGS,
  request: { params: BudgetParams, body: { json: ProposalCreateBody } },
  responses: { 201: { description: 'The proposal with its pre-check.', schema: ProposalCreated } },
  problems: [401, 404, 409, 422],
  security: ['session'],
})

export const getProposalRoute = apiRoute({
  method: 'get',
  path: '/api/budgets/{id}/proposals/{pid}',
  summary: 'A proposal',
  tags: TAGS,
  request: { params: ProposalParams },
  responses: { 200: { description: 'The proposal.', schema: BudgetProposal } },
  problems: [404],
})

export const patchProposalRoute = apiRoute({
  method: 'patch',
  path: '/api/budgets/{id}/proposals/{pid}',
  summary: 'Edit a draft',
  tags: TAGS,
  request: { params: ProposalParams, body: { json: ProposalPatchBody } },
  responses: { 200: { description: 'The draft.', schema: BudgetProposal } },
  problems: [401, 403, 404, 409, 422],
  security: ['session'],
})

export const submitProposalRoute = apiRoute({
  method: 'post',
  path: '/api/budgets/{id}/proposals/{pid}/submit',
  summary: 'Submit a draft',
  tags: TAGS,
  request: { params: ProposalParams },
  responses: { 200: { description: 'The proposal with its pre-check.', schema: ProposalCreated } },
  problems: [401, 403, 404, 409, 422],
  security: ['session'],
})

export const withdrawProposalRoute = apiRoute({
  method: 'post',
  path: '/api/budgets/{id}/proposals/{pid}/withdraw',
  summary: 'Withdraw a proposal before its review',
  tags: TAGS,
  request: { params: ProposalParams },
  responses: { 200: { description: 'The proposal.', schema: BudgetProposal } },
  problems: [401, 403, 404, 409],
  security: ['session'],
})

export const reviewProposalRoute = apiRoute({
  method: 'post',
  path: '/api/budgets/{id}/proposals/{pid}/review',
  summary: 'Review a proposal',
  description: 'Feasible or not (a reason required when not); a changed cost needs its note. The author is mailed. Not once voting has started.',
  tags: TAGS,
  request: { params: ProposalParams, body: { json: ProposalReviewBody } },
  responses: { 200: { description: 'The proposal as reviewed.', schema: BudgetProposal } },
  ...ADMIN,
})

export const putBallotRoute = apiRoute({
  method: 'put',
  path: '/api/budgets/{id}/ballot',
  summary: 'Cast or change my ballot',
  description: 'During the voting phase. The whole ballot: the limits (votes or money) and one vote per proposal hold in the database, whatever requests come at once. Answers a new receipt code.',
  tags: TAGS,
  request: { params: BudgetParams, body: { json: BallotBody } },
  responses: { 200: { description: 'The ballot as cast.', schema: MyBallot } },
  problems: [401, 403, 404, 409, 422],
  security: ['session'],
})

export const getBallotRoute = apiRoute({
  method: 'get',
  path: '/api/budgets/{id}/ballot',
  summary: 'My ballot',
  tags: TAGS,
  request: { params: BudgetParams },
  responses: { 200: { description: 'The ballot; an empty one before voting.', schema: MyBallot } },
  problems: [401, 404],
  security: ['session'],
})

export const addBallotLineRoute = apiRoute({
  method: 'post',
  path: '/api/budgets/{id}/ballot/proposals/{pid}',
  summary: 'Add one proposal to my ballot',
  tags: TAGS,
  request: { params: ProposalParams },
  responses: { 200: { description: 'The ballot as cast.', schema: MyBallot } },
  problems: [401, 403, 404, 409, 422],
  security: ['session'],
})

export const removeBallotLineRoute = apiRoute({
  method: 'delete',
  path: '/api/budgets/{id}/ballot/proposals/{pid}',
  summary: 'Take one proposal off my ballot',
  tags: TAGS,
  request: { params: ProposalParams },
  responses: { 200: { description: 'The ballot as cast.', schema: MyBallot } },
  problems: [401, 404, 409],
  security: ['session'],
})

export const checkReceiptRoute = apiRoute({
  method: 'post',
  path: '/api/budgets/{id}/receipts',
  summary: 'Check that a ballot is counted as cast',
  description: 'Anyone holding a receipt code sees what the ballot it names chose. Nothing else about the voter is shown.',
  tags: TAGS,
  request: { params: BudgetParams, body: { json: ReceiptCheckBody } },
  responses: { 200: { description: 'Whether it is counted, and how.', schema: ReceiptCheck } },
  problems: [404, 429],
})

export const paperBallotsRoute = apiRoute({
  method: 'post',
  path: '/api/budgets/{id}/paper-ballots',
  summary: 'Enter a batch of paper ballots',
  description: 'Counted with the online ones and shown apart; a batch reference names the protocol; audited.',
  tags: TAGS,
  request: { params: BudgetParams, body: { json: PaperBallotsBody } },
  responses: { 201: { description: 'The batch with a receipt per ballot.', schema: PaperBatch } },
  ...ADMIN,
})

export const votingFlagsRoute = apiRoute({
  method: 'get',
  path: '/api/budgets/{id}/flags',
  summary: 'Suspicious voting patterns, for the commission',
  tags: TAGS,
  request: { params: BudgetParams },
  responses: { 200: { description: 'Patterns found.', schema: z.array(VotingFlag) } },
  ...ADMIN,
})

export const computeResultsRoute = apiRoute({
  method: 'post',
  path: '/api/budgets/{id}/results',
  summary: 'Count the ballots and publish the results',
  description: 'Once voting has ended. Publishes the anonymised ballots with their SHA-256; overrides are applied after the count and logged with their reasons. Winners become projects to track.',
  tags: TAGS,
  request: { params: BudgetParams, body: { json: ResultsBody } },
  responses: { 200: { description: 'The results.', schema: BudgetResults } },
  ...ADMIN,
})

export const getResultsRoute = apiRoute({
  method: 'get',
  path: '/api/budgets/{id}/results',
  summary: 'The results',
  tags: TAGS,
  request: { params: BudgetParams },
  responses: { 200: { description: 'The results.', schema: BudgetResults } },
  problems: [404],
})

export const ballotsCsvRoute = apiRoute({
  method: 'get',
  path: '/api/budgets/{id}/ballots.csv',
  summary: 'The anonymised ballots',
  description: 'One row per ballot and chosen proposal: a random ballot id, the SHA-256 of its receipt code, `online` or `paper`, the proposal id. Its SHA-256 is in the results.',
  tags: TAGS,
  request: { params: BudgetParams },
  responses: { 200: { description: 'CSV.', contentType: 'text/csv' } },
  problems: [404],
})

export const patchImplementationRoute = apiRoute({
  method: 'patch',
  path: '/api/budgets/{id}/proposals/{pid}/implementation',
  summary: "Update a winner's construction",
  description: 'Followers are mailed the change.',
  tags: TAGS,
  request: { params: ProposalParams, body: { json: ImplementationPatchBody } },
  responses: { 200: { description: 'The project.', schema: BudgetProposal } },
  ...ADMIN,
})

export const addMilestoneRoute = apiRoute({
  method: 'post',
  path: '/api/budgets/{id}/proposals/{pid}/implementation/milestones',
  summary: "Add a milestone to a winner's construction",
  tags: TAGS,
  request: { params: ProposalParams, body: { json: MilestoneBody } },
  responses: { 201: { description: 'The project.', schema: BudgetProposal } },
  ...ADMIN,
})

export const followProposalRoute = apiRoute({
  method: 'post',
  path: '/api/budgets/{id}/proposals/{pid}/follow',
  summary: 'Follow a project: mail on each change of its construction',
  tags: TAGS,
  request: { params: ProposalParams },
  responses: { 204: { description: 'Following.' } },
  problems: [401, 404],
  security: ['session'],
})

export const unfollowProposalRoute = apiRoute({
  method: 'delete',
  path: '/api/budgets/{id}/proposals/{pid}/follow',
  summary: 'Stop following a project',
  tags: TAGS,
  request: { params: ProposalParams },
  responses: { 204: { description: 'Not following.' } },
  problems: [401, 404],
  security: ['session'],
})

export const ProposalPhotoParams = ProposalParams.extend({ photo: z.coerce.number().int('must be a photo id').min(1).max(Number.MAX_SAFE_INTEGER) })
export const ProposalDocumentParams = ProposalParams.extend({ doc: z.uuid('must be a document id') })
export const ProposalPhotoQuery = z.object({ size: z.enum(['full', 'thumb']).default('full') })
export const ProposalPhotoForm = z
  .object({
    photo: z.string().meta({ format: 'binary', description: 'A JPEG, PNG, WebP or HEIC photo; re-encoded as JPEG without its metadata.' }),
    caption: z.string().max(300).optional(),
  })
  .meta({ id: 'ProposalPhotoForm' })
export const ProposalDocumentForm = z
  .object({ file: z.string().meta({ format: 'binary', description: 'A PDF, checked by its content.' }), title: z.string().min(1).max(200) })
  .meta({ id: 'ProposalDocumentForm' })

export const addProposalPhotoRoute = apiRoute({
  method: 'post',
  path: '/api/budgets/{id}/proposals/{pid}/photos',
  summary: 'Add a photo to a proposal',
  description: `By its author, until it is reviewed; at most ${MAX_PROPOSAL_PHOTOS}. Re-encoded without its EXIF and GPS metadata; a file that is not a photo is \`422\`.`,
  tags: TAGS,
  request: { params: ProposalParams, body: { multipart: ProposalPhotoForm } },
  responses: { 201: { description: 'The proposal with the photo.', schema: BudgetProposal } },
  problems: [401, 403, 404, 409, 413, 415, 422],
  security: ['session'],
})

export const addImplementationPhotoRoute = apiRoute({
  method: 'post',
  path: '/api/budgets/{id}/proposals/{pid}/implementation/photos',
  summary: "Add a photo of a winner's construction",
  description: `At most ${MAX_PROPOSAL_PHOTOS}; followers are mailed.`,
  tags: TAGS,
  request: { params: ProposalParams, body: { multipart: ProposalPhotoForm } },
  responses: { 201: { description: 'The project with the photo.', schema: BudgetProposal } },
  problems: [401, 403, 404, 409, 413, 415, 422],
  security: ['session'],
})

export const proposalPhotoRoute = apiRoute({
  method: 'get',
  path: '/api/budgets/{id}/proposals/{pid}/photos/{photo}',
  summary: "A proposal's photo",
  tags: TAGS,
  request: { params: ProposalPhotoParams, query: ProposalPhotoQuery },
  responses: { 200: { description: 'The photo as JPEG.', contentType: 'image/jpeg' } },
  problems: [404],
})

export const addProposalDocumentRoute = apiRoute({
  method: 'post',
  path: '/api/budgets/{id}/proposals/{pid}/documents',
  summary: 'Attach a PDF to a proposal',
  description: `By its author, until it is reviewed; at most ${MAX_PROPOSAL_DOCUMENTS}, each within the documents' size limit. Checked by its content: a file that is not a PDF is \`422\`.`,
  tags: TAGS,
  request: { params: ProposalParams, body: { multipart: ProposalDocumentForm } },
  responses: { 201: { description: 'The proposal with the document.', schema: BudgetProposal } },
  problems: [401, 403, 404, 409, 413, 415, 422, 507],
  security: ['session'],
})

export const proposalDocumentRoute = apiRoute({
  method: 'get',
  path: '/api/budgets/{id}/proposals/{pid}/documents/{doc}',
  summary: "A proposal's PDF",
  tags: TAGS,
  request: { params: ProposalDocumentParams },
  responses: { 200: { description: 'The PDF.', contentType: 'application/pdf' } },
  problems: [404],
})

/** The link an author shares with the residents who write the proposal with them. */
export const CoauthorInvitation = z
  .object({ token: z.string(), url: z.url().meta({ description: 'The proposal page with the invitation; a new invitation makes the old one useless.' }) })
  .meta({ id: 'CoauthorInvitation' })

export const CoauthorJoinBody = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the invitation token') }).strict().meta({ id: 'CoauthorJoinBody' })

/** The most co-authors a proposal may have. */
export const MAX_COAUTHORS = 10

export const inviteCoauthorRoute = apiRoute({
  method: 'post',
  path: '/api/budgets/{id}/proposals/{pid}/coauthor-invitation',
  summary: 'Invite co-authors',
  description: 'By its authors, until the review. Answers a new link; the previous one stops working.',
  tags: TAGS,
  request: { params: ProposalParams },
  responses: { 201: { description: 'The invitation.', schema: CoauthorInvitation } },
  problems: [401, 403, 404, 409],
  security: ['session'],
})

export const joinCoauthorsRoute = apiRoute({
  method: 'post',
  path: '/api/budgets/{id}/proposals/{pid}/coauthors',
  summary: 'Become a co-author with an invitation',
  description: `At most ${MAX_COAUTHORS} co-authors; a wrong or replaced token is \`404\`.`,
  tags: TAGS,
  request: { params: ProposalParams, body: { json: CoauthorJoinBody } },
  responses: { 200: { description: 'The proposal, now yours too.', schema: BudgetProposal } },
  problems: [401, 404, 409],
  security: ['session'],
})

export const BUDGET_ROUTES = [
  listBudgetsRoute,
  createBudgetRoute,
  getBudgetRoute,
  patchBudgetRoute,
  precheckRoute,
  listProposalsRoute,
  createProposalRoute,
  getProposalRoute,
  patchProposalRoute,
  submitProposalRoute,
  withdrawProposalRoute,
  reviewProposalRoute,
  putBallotRoute,
  getBallotRoute,
  addBallotLineRoute,
  removeBallotLineRoute,
  checkReceiptRoute,
  paperBallotsRoute,
  votingFlagsRoute,
  computeResultsRoute,
  getResultsRoute,
  ballotsCsvRoute,
  patchImplementationRoute,
  addMilestoneRoute,
  followProposalRoute,
  unfollowProposalRoute,
  addProposalPhotoRoute,
  addImplementationPhotoRoute,
  proposalPhotoRoute,
  addProposalDocumentRoute,
  proposalDocumentRoute,
  inviteCoauthorRoute,
  joinCoauthorsRoute,
] as const
