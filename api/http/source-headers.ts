/**
 * The licence and attribution of a download as response headers, URL-encoded: both are free text
 * (a planner may write them in Ukrainian) and a header value must be ASCII.
 */
export function sourceHeaders(source: { licence: string; attribution: string }): Record<'X-Licence' | 'X-Attribution', string> {
  return { 'X-Licence': encodeURIComponent(source.licence), 'X-Attribution': encodeURIComponent(source.attribution) }
}
