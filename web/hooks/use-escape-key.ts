import { useEffect, useRef } from 'react'

/**
 * Calls `onEscape` when Escape is pressed anywhere on the page while `enabled`. A press that an
 * inner handler already consumed (`preventDefault`) is left alone, so Escape closes one thing at
 * a time.
 */
export function useEscapeKey(onEscape: () => void, enabled = true): void {
  const handler = useRef(onEscape)
  handler.current = onEscape
  useEffect(() => {
    if (!enabled) return
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return
      event.preventDefault()
      handler.current()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [enabled])
}
