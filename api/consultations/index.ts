/** Public consultations on planning layers: the window, residents' comments, the council's answers, moderation and the protocol. */
export { ANNOUNCE_INTERVAL_MS, announceOpenedConsultations } from './announcements.ts'
export { consultationRoutes } from './consultation.routes.ts'
export { nextReceipt } from './comment-submit.ts'
export { answerComment, findCommentTarget, insertComment, insertConsultation } from './consultation.queries.ts'
