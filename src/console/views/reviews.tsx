import type { ReviewItem, WeeklyResult } from '../../qa/reviews'
import { formatTime } from '../format'
import { Grid } from './controls'
import { Layout, type Viewer } from './layout'

/** The supervisor's page: the review queue and the results per agent and week. */
export const ReviewsPage = (props: {
  viewer: Viewer
  queue: ReviewItem[]
  results: WeeklyResult[]
  zone: string
  now: number
}) => {
  const { t } = props.viewer
  const time = (at: number) => formatTime(at, props.viewer.account.locale, props.zone, props.now)
  return (
    <Layout viewer={props.viewer} title={`${t.reviews} · ${t.appName}`} page='admin-reviews'>
      <h1>{t.reviews}</h1>
      <p class='hint'>{t.reviewHint}</p>
      {props.queue.length === 0 ? <p class='empty'>{t.reviewEmpty}</p> : null}
      <ul class='rows' role='list'>
        {props.queue.map((r) => (
          <li class='row review' data-case={r.id}>
            <div class='review-head'>
              <a href={`/console/c/${encodeURIComponent(r.conversationKey)}`}>
                {r.conversationKey}
              </a>{' '}
              · {r.handler ?? t.bot} · <time>{time(r.resolvedAt)}</time>
              {r.rating !== null ? ` · ${'★'.repeat(r.rating)}` : ''}
              <span class='tag'>
                {t.autoScore} {r.qaScore ?? t.none}
              </span>
              {r.redLines.map((h) => (
                <span class='tag bad'>
                  {h.kind === 'promise' ? t.redPromise : t.redWording}: “{h.match}”
                </span>
              ))}
            </div>
            <form
              method='post'
              class='api-form inline'
              data-api={`/api/v1/reviews/${encodeURIComponent(r.id)}`}
              data-method='POST'
            >
              <label for={`s-${r.id}`}>{t.reviewScore}</label>
              <input
                id={`s-${r.id}`}
                name='score'
                type='number'
                min={0}
                max={100}
                required
                value={String(r.qaScore ?? '')}
              />
              <label for={`c-${r.id}`}>{t.reviewComment}</label>
              <input id={`c-${r.id}`} name='comment' maxlength={2000} />
              <ul class='errors' role='alert'></ul>
              <button type='submit' class='primary'>
                {t.save}
              </button>
            </form>
          </li>
        ))}
      </ul>
      <h2>{t.reviewResults}</h2>
      <Grid columns={[t.week, t.agentLabel, t.casesCount, t.autoScore, t.reviewed, t.reviewScore]}>
        {props.results.map((r) => (
          <tr>
            <td>{r.week}</td>
            <td>{r.handler}</td>
            <td>{r.cases}</td>
            <td>{r.qaAverage ?? t.none}</td>
            <td>{r.reviewed}</td>
            <td>{r.reviewAverage ?? t.none}</td>
          </tr>
        ))}
      </Grid>
    </Layout>
  )
}
