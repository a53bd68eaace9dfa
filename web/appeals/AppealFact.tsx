/** One labelled fact of an appeal, in its `<dl>`. */
export function AppealFact({ label, value }: { label: string; value: string }) {
  return (
    <div className="appeal__fact">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  )
}
