/** Drawn here rather than taken from an emoji font, which many systems lack. 16×16, in the text's colour. */
const PATHS: Readonly<Record<string, string>> = {
  // a drop
  water: 'M8 1.5C8 1.5 3 7.2 3 10.2a5 5 0 0 0 10 0C13 7.2 8 1.5 8 1.5z',
  // a drop with heat waves
  hot_water: 'M6 2.5C6 2.5 2.5 6.6 2.5 8.8a3.5 3.5 0 0 0 7 0C9.5 6.6 6 2.5 6 2.5zM11.5 6c1 1-1 2 0 3s-1 2 0 3M14 6c1 1-1 2 0 3s-1 2 0 3',
  // a flame
  heating: 'M8 1c.5 3 4 4.5 4 8.5a4 4 0 0 1-8 0c0-2 1-3 2-4 0 1.5.8 2.5 1.6 2.5C7 6 7.5 3.5 8 1z',
  // a bolt
  power: 'M9.5 1 3.5 9h4l-1 6 6-8h-4l1-6z',
  // a gas burner's flame
  gas: 'M8 2c1.5 2 3.5 3.8 3.5 6.5a3.5 3.5 0 0 1-7 0C4.5 5.8 6.5 4 8 2zM3 14h10',
  // a road barrier
  road: 'M1.5 5h13v4h-13zM4 9v5M12 9v5M4 5l3 4M8 5l3 4',
}

/** The sign of a service switched off (water, heating, power, gas, the road), hidden from screen readers: its name is beside it. */
export function ServiceIcon({ service }: { service: string }) {
  const path = PATHS[service]
  if (!path) return null
  return (
    <svg className="works-service__icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={path} fill={service === 'road' || service === 'hot_water' ? 'none' : 'currentColor'} stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" />
    </svg>
  )
}
