import type { GroupBy } from '../../reports/figures'
import type { ReportFrame } from '../../reports/report'
import type { ReportStrings } from '../report-strings'
import { Options, plainChoices } from './controls'

/** The range, filter and breakdown form values as the page was asked for them. */
export interface ReportForm {
  by: GroupBy
  channel: string
  conversionHours: string
}

const query = (range: ReportFrame, form: ReportForm, extra: Record<string, string>) =>
  new URLSearchParams({
    from: range.from,
    to: range.to,
    ...(form.channel ? { channel: form.channel } : {}),
    ...(form.conversionHours ? { conversionHours: form.conversionHours } : {}),
    ...extra,
  }).toString()

/** The range, channel and breakdown form, with the breakdown's CSV download. */
export const ReportFilters = (props: {
  rs: ReportStrings
  range: ReportFrame
  form: ReportForm
  channels: readonly string[]
  byLabel: Record<GroupBy, string>
}) => {
  const { rs, range, form, byLabel } = props
  return (
    <form method='get' class='filters report-form'>
      <label>
        {rs.from} <input type='date' name='from' value={range.from} required />
      </label>
      <label>
        {rs.to} <input type='date' name='to' value={range.to} required />
      </label>
      <label>
        {rs.channelFilter}
        <select name='channel'>
          <option value=''>{rs.anyChannel}</option>
          <Options choices={plainChoices(props.channels)} selected={form.channel} />
        </select>
      </label>
      <label>
        {rs.groupBy}
        <select name='by'>
          <Options
            choices={(Object.keys(byLabel) as GroupBy[]).map((by) => ({
              value: by,
              label: byLabel[by],
            }))}
            selected={form.by}
          />
        </select>
      </label>
      <label>
        {rs.conversionHours}{' '}
        <input
          type='number'
          name='conversionHours'
          min={1}
          max={720}
          value={String(range.conversionWindowHours)}
        />
      </label>
      <button type='submit' class='primary'>
        {rs.apply}
      </button>
      <a
        class='button'
        href={`/api/v1/reports/breakdown?${query(range, form, { by: form.by, format: 'csv' })}`}
        download
      >
        {rs.downloadCsv}
      </a>
    </form>
  )
}
