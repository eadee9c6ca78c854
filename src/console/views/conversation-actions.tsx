import type { ConversationState } from '../../conversation/types'
import type { Account } from '../accounts'
import { Csrf, type Viewer } from './layout'

/** The reply and note box (a plain form; the script adds canned replies and the red-line check). */
export const Composer = (props: { viewer: Viewer; base: string }) => {
  const { viewer, base } = props
  const { t } = viewer
  return (
    <form class='composer' id='composer' method='post' action={`${base}/send`}>
      <Csrf token={viewer.csrf} />
      <div class='modes' role='radiogroup' aria-label={t.reply}>
        <label>
          <input type='radio' name='mode' value='reply' checked /> {t.reply}
        </label>
        <label>
          <input type='radio' name='mode' value='note' /> ✎ {t.note}
        </label>
      </div>
      <label class='sr' for='composer-text'>
        {t.reply}
      </label>
      <textarea
        id='composer-text'
        name='text'
        rows={3}
        maxlength={4000}
        required
        placeholder={t.canned}
        data-note-hint={t.noteHint}
      ></textarea>
      <input type='hidden' name='template' id='composer-template' value='' />
      <div class='buttons' id='composer-buttons' aria-live='polite'></div>
      <p
        class='redline'
        id='composer-redline'
        role='status'
        data-wording={t.redWording}
        data-promise={t.redPromise}
      ></p>
      <ul class='canned' id='canned' role='listbox' aria-label={t.canned} hidden></ul>
      <div class='composer-foot'>
        <span class='hint' id='composer-hint'>
          {t.canned}
        </span>
        <button type='submit' class='primary' data-reply-label={t.send} data-note-label={t.addNote}>
          {t.send}
        </button>
      </div>
    </form>
  )
}

/** Take, assign, release, escalate and resolve. */
export const ConversationActions = (props: {
  viewer: Viewer
  base: string
  state: ConversationState
  agents: Account[]
}) => {
  const { viewer, base, state: s } = props
  const { t } = viewer
  const mine = s.agent === viewer.account.name
  return (
    <div class='actions' aria-label={t.assign}>
      {!mine ? (
        <form method='post' action={`${base}/assign`} class='inline'>
          <Csrf token={viewer.csrf} />
          <input type='hidden' name='agent' value={viewer.account.name} />
          <button type='submit' class='primary' id='take'>
            {t.assignMe}
          </button>
        </form>
      ) : null}
      <form method='post' action={`${base}/assign`} class='inline'>
        <Csrf token={viewer.csrf} />
        <label for='assign-to'>{t.assignTo}</label>
        <select id='assign-to' name='agent'>
          {props.agents.map((a) => (
            <option value={a.name} selected={a.name === s.agent}>
              {a.name}
            </option>
          ))}
        </select>
        <button type='submit'>{t.assign}</button>
      </form>
      {s.owner === 'human' ? (
        <form method='post' action={`${base}/release`} class='inline'>
          <Csrf token={viewer.csrf} />
          <button type='submit'>{t.release}</button>
        </form>
      ) : null}
      <details class='menu'>
        <summary>{t.escalate}</summary>
        <form method='post' action={`${base}/escalate`} class='stack'>
          <Csrf token={viewer.csrf} />
          <label for='esc-level'>{t.level}</label>
          <select id='esc-level' name='level'>
            <option value='1'>{t.l1}</option>
            <option value='2'>{t.l2}</option>
          </select>
          <label for='esc-reason'>{t.reason}</label>
          <input id='esc-reason' name='reason' required maxlength={500} />
          <button type='submit'>{t.escalate}</button>
        </form>
      </details>
      {s.status === 'open' ? (
        <details class='menu'>
          <summary id='resolve-open'>{t.resolve}</summary>
          <form method='post' action={`${base}/resolve`} class='stack' id='resolve-form'>
            <Csrf token={viewer.csrf} />
            <label for='solution'>{t.solution}</label>
            <input id='solution' name='solution' maxlength={2000} />
            <p class='hint'>{t.resolveHint}</p>
            <button type='submit' class='primary' id='resolve'>
              {t.resolve}
            </button>
          </form>
        </details>
      ) : null}
    </div>
  )
}
