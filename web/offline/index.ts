/** Working without a signal: the connection's state, the offline notice, appeals kept on the device until they can be sent, and the service worker's registration. */
export { isRetryable, onOutboxEvent, type OutboxEvent, type QueuedAppeal, queueAppeal, queuedAppeals, sendQueuedAppeals, startOutbox } from './appeal-outbox.ts'
export { isNetworkFailure, useOnline } from './connection.ts'
export { OfflineNotice } from './OfflineNotice.tsx'
export { registerServiceWorker } from './register.ts'
