/** The work queues: filters, the table of appeals and paging. */
export { AppealQueue } from './AppealQueue.tsx'
