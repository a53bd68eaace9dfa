import { formatOfficeQuery, type OfficeQuery } from './office-query.ts'

/**
 * The views of one section as links (`?tab=…`), the current one marked for assistive technology.
 * Switching keeps the other filters and goes back to the first page.
 */
export function SubNav({ label, tabs, current, query }: { label: string; tabs: readonly { id: string; label: string }[]; current: string; query: OfficeQuery }) {
  return (
    <nav className="office-tabs" aria-label={label}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.id}>
            <a href={`${window.location.pathname}${formatOfficeQuery({ ...query, tab: tab.id, page: undefined })}`} aria-current={tab.id === current ? 'page' : undefined}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
