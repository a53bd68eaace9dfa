import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { GeometryKind, WritableLayerStyle } from '../../api/contract/index.ts'
import { FieldSelect } from '../office/shared/index.ts'
import type { ManagedAttribute } from './attribute-schema.ts'
import { categoriesFor, graduatedStops, MAX_CLASSES, type ClassMethod } from './style-classes.ts'

/** A layer's style as staff write it. */
export type EditableStyle = z.infer<typeof WritableLayerStyle>

/** How a layer is coloured. */
type ColourMode = 'single' | 'categories' | 'graduated'

/** Props of {@link StyleEditor}. */
export interface StyleEditorProps {
  style: EditableStyle
  onChange(style: EditableStyle): void
  geometry: GeometryKind
  /** The layer's attributes; the style may draw only public ones. */
  attributes: readonly ManagedAttribute[]
  /** The values of a field over the layer's features, for categories and classes. */
  valuesOf(field: string): unknown[]
}

const modeOf = (style: EditableStyle): ColourMode => (style.categoryField && style.categories?.length ? 'categories' : style.graduated ? 'graduated' : 'single')

/**
 * The style of a layer: one colour, categories by a field (a colour and labels per value, from a
 * qualitative palette), or classes of a number (quantiles or equal intervals, a sequential
 * palette); the point radius, line width, fill opacity and label field. Every change goes to
 * `onChange` at once, so the map beside it previews it live.
 */
export function StyleEditor({ style, onChange, geometry, attributes, valuesOf }: StyleEditorProps) {
  const { t } = useTranslation()
  const id = useId()
  const mode = modeOf(style)
  const [classes, setClasses] = useState(style.graduated?.stops.length ?? 5)
  const [method, setMethod] = useState<ClassMethod>('quantile')
  const publicFields = attributes.filter((a) => a.public)
  const numericFields = publicFields.filter((a) => a.type === 'number' || a.type === 'integer')
  const fieldOptions = (list: readonly ManagedAttribute[]) => list.map((a) => ({ value: a.name, label: a.label.uk && a.label.uk !== a.name ? `${a.label.uk} (${a.name})` : a.name }))
  const { categoryField: _field, categories: _categories, graduated: _graduated, ...plain } = style

  const byCategory = (field: string) => onChange({ ...plain, categoryField: field, categories: categoriesFor(valuesOf(field), field === style.categoryField ? style.categories : []) })
  const byNumber = (field: string, n = classes, how = method) => {
    const numbers = valuesOf(field).filter((v): v is number => typeof v === 'number')
    const stops = graduatedStops(numbers, n, how)
    onChange(stops.length ? { ...plain, graduated: { field, stops } } : plain)
  }
  const chooseMode = (next: ColourMode) => {
    if (next === 'single') onChange(plain)
    else if (next === 'categories' && publicFields[0]) byCategory(style.categoryField ?? publicFields[0].name)
    else if (next === 'graduated' && numericFields[0]) byNumber(style.graduated?.field ?? numericFields[0].name)
  }

  return (
    <fieldset className="style-editor">
      <legend>{t('planning.style.heading')}</legend>
      <div className="style-editor__modes" role="radiogroup" aria-label={t('planning.style.mode')}>
        {(['single', 'categories', 'graduated'] as const).map((option) => (
          <label key={option} className="radio">
            <input
              type="radio"
              name={`${id}-mode`}
              value={option}
              checked={mode === option}
              disabled={(option === 'categories' && publicFields.length === 0) || (option === 'graduated' && numericFields.length === 0)}
              onChange={() => chooseMode(option)}
            />
            {t(`planning.style.${option}`)}
          </label>
        ))}
      </div>

      <ColourInput label={mode === 'single' ? t('planning.style.color') : t('planning.style.otherColor')} value={style.color} onChange={(color) => onChange({ ...style, color })} />

      {mode === 'categories' && (
        <>
          <FieldSelect label={t('planning.style.categoryField')} value={style.categoryField ?? ''} options={fieldOptions(publicFields)} onChange={byCategory} />
          <CategoryTable style={style} onChange={onChange} />
        </>
      )}

      {mode === 'graduated' && style.graduated && (
        <>
          <FieldSelect label={t('planning.style.numberField')} value={style.graduated.field} options={fieldOptions(numericFields)} onChange={(field) => byNumber(field)} />
          <div className="style-editor__row">
            <FieldSelect
              label={t('planning.style.classes')}
              value={String(classes)}
              options={Array.from({ length: MAX_CLASSES - 1 }, (_, i) => ({ value: String(i + 2), label: String(i + 2) }))}
              onChange={(value) => {
                setClasses(Number(value))
                byNumber(style.graduated!.field, Number(value))
              }}
            />
            <FieldSelect
              label={t('planning.style.method')}
              value={method}
              options={[{ value: 'quantile', label: t('planning.style.quantile') }, { value: 'equal', label: t('planning.style.equal') }]}
              onChange={(value) => {
                setMethod(value as ClassMethod)
                byNumber(style.graduated!.field, classes, value as ClassMethod)
              }}
            />
          </div>
          <ul className="style-editor__stops">
            {style.graduated.stops.map((stop, i) => (
              <li key={stop.value}>
                <ColourInput
                  label={stop.label?.uk ?? String(stop.value)}
                  value={stop.color}
                  onChange={(color) => onChange({ ...style, graduated: { ...style.graduated!, stops: style.graduated!.stops.map((s, j) => (j === i ? { ...s, color } : s)) } })}
                />
              </li>
            ))}
          </ul>
        </>
      )}

      <div className="style-editor__row">
        {geometry === 'point' && <NumberInput label={t('planning.style.radius')} min={1} max={40} step={1} value={style.radius ?? 5} onChange={(radius) => onChange({ ...style, radius })} />}
        {geometry !== 'point' && <NumberInput label={t('planning.style.width')} min={0.5} max={20} step={0.5} value={style.width ?? (geometry === 'line' ? 2 : 1)} onChange={(width) => onChange({ ...style, width })} />}
        {geometry === 'polygon' && <NumberInput label={t('planning.style.opacity')} min={0} max={1} step={0.05} value={style.opacity ?? 0.35} onChange={(opacity) => onChange({ ...style, opacity })} />}
      </div>
      <FieldSelect
        label={t('planning.style.label')}
        value={style.label ?? ''}
        empty={t('planning.style.noLabel')}
        options={fieldOptions(publicFields)}
        onChange={(label) => {
          const { label: _old, ...rest } = style
          onChange(label ? { ...rest, label } : rest)
        }}
      />
    </fieldset>
  )
}

/** The colour and labels of each category. */
function CategoryTable({ style, onChange }: { style: EditableStyle; onChange(style: EditableStyle): void }) {
  const { t } = useTranslation()
  const categories = style.categories ?? []
  const change = (index: number, patch: Partial<(typeof categories)[number]>) =>
    onChange({ ...style, categories: categories.map((c, i) => (i === index ? { ...c, ...patch } : c)) })
  return (
    <div className="table-scroll">
      <table className="office-table style-editor__categories">
        <thead>
          <tr>
            <th scope="col">{t('planning.style.value')}</th>
            <th scope="col">{t('planning.style.colour')}</th>
            <th scope="col">{t('planning.attributes.labelUk')}</th>
            <th scope="col">{t('planning.attributes.labelEn')}</th>
          </tr>
        </thead>
        <tbody>
          {categories.map((category, i) => (
            <tr key={String(category.value)}>
              <th scope="row" data-label={t('planning.style.value')}>
                <span>{String(category.value)}</span>
              </th>
              <td data-label={t('planning.style.colour')}>
                <input type="color" aria-label={t('planning.style.colourOf', { value: category.value })} value={category.color} onChange={(event) => change(i, { color: event.currentTarget.value })} />
              </td>
              <td data-label={t('planning.attributes.labelUk')}>
                <input aria-label={t('planning.style.labelUkOf', { value: category.value })} value={category.label.uk} maxLength={200} onChange={(event) => change(i, { label: { ...category.label, uk: event.currentTarget.value } })} />
              </td>
              <td data-label={t('planning.attributes.labelEn')}>
                <input aria-label={t('planning.style.labelEnOf', { value: category.value })} value={category.label.en} maxLength={200} onChange={(event) => change(i, { label: { ...category.label, en: event.currentTarget.value } })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function ColourInput({ label, value, onChange }: { label: string; value: string; onChange(value: string): void }) {
  const id = useId()
  return (
    <div className="field-inline">
      <input id={id} type="color" value={value} onChange={(event) => onChange(event.currentTarget.value)} />
      <label htmlFor={id}>{label}</label>
    </div>
  )
}

function NumberInput({ label, value, onChange, min, max, step }: { label: string; value: number; onChange(value: number): void; min: number; max: number; step: number }) {
  const id = useId()
  return (
    <div className="field-stack">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(event) => {
          const next = event.currentTarget.valueAsNumber
          if (Number.isFinite(next)) onChange(Math.min(max, Math.max(min, next)))
        }}
      />
    </div>
  )
}
