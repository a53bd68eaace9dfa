/** The public page of an appeal in the web app. */
export function appealPageUrl(baseUrl: string, number: string): string {
  return `${baseUrl}/appeals/${number}`
}

/** The author's private page, reachable without an account. */
export function trackingPageUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/appeals/track/${token}`
}
