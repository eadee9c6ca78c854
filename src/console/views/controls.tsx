import type { Child } from 'hono/jsx'

/** One choice of a select: the value sent and the text shown. */
export interface Choice {
  value: string
  label: string
}

/** Pure: choices whose shown text is their value (channels, intents). */
export const plainChoices = (values: readonly string[]): Choice[] =>
  values.map((value) => ({ value, label: value }))

/** A select's options, the one equal to `selected` marked. */
export const Options = (props: { choices: readonly Choice[]; selected?: string | null }) => (
  <>
    {props.choices.map((c) => (
      <option value={c.value} selected={c.value === props.selected}>
        {c.label}
      </option>
    ))}
  </>
)

/** A filter-bar select whose label only screen readers see. */
export const FilterSelect = (props: {
  id: string
  name: string
  label: string
  choices: readonly Choice[]
  selected?: string | null
}) => (
  <>
    <label class='sr' for={props.id}>
      {props.label}
    </label>
    <select id={props.id} name={props.name}>
      <Options choices={props.choices} selected={props.selected} />
    </select>
  </>
)

/** Where a form's errors appear (the console script fills it). */
export const Errors = (props: { id?: string }) => (
  <ul class='errors' id={props.id} role='alert'></ul>
)

/** A data table: one header row of column titles, then the rows given as children. */
export const Grid = (props: {
  columns: readonly Child[]
  caption?: string
  /** Attributes of the body, for tables the console script fills. */
  body?: Record<string, string>
  children?: Child
}) => (
  <table class='grid'>
    {props.caption ? <caption class='sr'>{props.caption}</caption> : null}
    <thead>
      <tr>
        {props.columns.map((c) => (
          <th scope='col'>{c}</th>
        ))}
      </tr>
    </thead>
    <tbody {...props.body}>{props.children}</tbody>
  </table>
)
