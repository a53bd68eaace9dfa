import { useSyncExternalStore } from 'react'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('online', onChange)
  window.addEventListener('offline', onChange)
  return () => {
    window.removeEventListener('online', onChange)
    window.removeEventListener('offline', onChange)
  }
}

/** Whether the device has a network connection, as the browser knows it (re-rendering on a change). */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, () => navigator.onLine, () => true)
}

/** Whether a failed request failed for want of a network, not because the server refused it. */
export function isNetworkFailure(message: string): boolean {
  return !navigator.onLine || /failed to fetch|networkerror|load failed|AJAXError.*\(0\)/i.test(message)
}
