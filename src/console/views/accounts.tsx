import type { Account } from '../accounts'
import type { Strings } from '../i18n'
import { Errors, Grid, Options, type Choice } from './controls'
import { Layout, type Viewer } from './layout'

const roleChoices = (t: Strings): Choice[] => [
  { value: 'agent', label: t.agentRole },
  { value: 'admin', label: t.adminRole },
]

// Ten characters at least, as the accounts API requires.
const NewPassword = (props: { id: string; required?: boolean }) => (
  <input
    id={props.id}
    name='password'
    type='password'
    required={props.required}
    minlength={10}
    autocomplete='new-password'
  />
)

const LOCALE_CHOICES: readonly Choice[] = [
  { value: 'en', label: 'English' },
  { value: 'zh-CN', label: '中文' },
]

/** Console accounts: list, create, change role or language, delete. */
export const AgentsPage = (props: { viewer: Viewer; accounts: Account[]; online: string[] }) => {
  const { t } = props.viewer
  return (
    <Layout viewer={props.viewer} title={`${t.agents} · ${t.appName}`} page='admin-agents'>
      <h1>{t.agents}</h1>
      <Grid columns={[t.name, t.email, t.role, t.uiLanguage, <span class='sr'>{t.delete}</span>]}>
        {props.accounts.map((a) => (
          <tr>
            <td>
              <span
                role='img'
                class={`dot ${props.online.includes(a.name) ? 'on' : 'off'}`}
                aria-label={props.online.includes(a.name) ? 'online' : 'offline'}
              ></span>{' '}
              {a.name}
            </td>
            <td>{a.email}</td>
            <td>{a.role === 'admin' ? t.adminRole : t.agentRole}</td>
            <td>{a.locale}</td>
            <td>
              {a.id === 'owner' ? null : (
                <details class='menu'>
                  <summary aria-label={`${t.change} ${a.name}`}>{t.change}</summary>
                  <form
                    method='post'
                    class='api-form stack'
                    data-api={`/api/v1/agents/${a.id}`}
                    data-method='PATCH'
                  >
                    <label for={`r-${a.id}`}>{t.role}</label>
                    <select id={`r-${a.id}`} name='role'>
                      <Options choices={roleChoices(t)} selected={a.role} />
                    </select>
                    <label for={`l-${a.id}`}>{t.uiLanguage}</label>
                    <select id={`l-${a.id}`} name='locale'>
                      <Options choices={LOCALE_CHOICES} selected={a.locale} />
                    </select>
                    <label for={`p-${a.id}`}>{t.newPassword}</label>
                    <NewPassword id={`p-${a.id}`} />
                    <Errors />
                    <button type='submit' class='primary'>
                      {t.save}
                    </button>
                  </form>
                </details>
              )}
              {a.id === 'owner' || a.id === props.viewer.account.id ? null : (
                <button
                  type='button'
                  class='danger'
                  data-delete={`/api/v1/agents/${a.id}`}
                  aria-label={`${t.delete} ${a.name}`}
                >
                  {t.delete}
                </button>
              )}
            </td>
          </tr>
        ))}
      </Grid>
      <h2>{t.create}</h2>
      <form
        method='post'
        class='api-form stack narrow'
        data-api='/api/v1/agents'
        data-method='POST'
      >
        <label for='a-name'>{t.name}</label>
        <input id='a-name' name='name' required maxlength={64} />
        <label for='a-email'>{t.email}</label>
        <input id='a-email' name='email' type='email' required />
        <label for='a-password'>{t.password}</label>
        <NewPassword id='a-password' required />
        <label for='a-role'>{t.role}</label>
        <select id='a-role' name='role'>
          <Options choices={roleChoices(t)} />
        </select>
        <label for='a-locale'>{t.uiLanguage}</label>
        <select id='a-locale' name='locale'>
          <Options choices={LOCALE_CHOICES} />
        </select>
        <Errors id='errors' />
        <button type='submit' class='primary'>
          {t.create}
        </button>
      </form>
    </Layout>
  )
}

/** API tokens for integrations: list, issue (shown once), revoke. */
export const TokensPage = (props: { viewer: Viewer }) => {
  const { t } = props.viewer
  return (
    <Layout viewer={props.viewer} title={`${t.tokens} · ${t.appName}`} page='admin-tokens'>
      <h1>{t.tokens}</h1>
      <Grid
        columns={[t.name, t.role, 'created', 'last used', <span class='sr'>{t.revoke}</span>]}
        body={{ id: 'token-rows', 'data-revoke': t.revoke }}
      />
      <h2>{t.create}</h2>
      <form
        method='post'
        class='api-form stack narrow'
        data-api='/api/v1/tokens'
        data-method='POST'
        data-show='token'
        data-shown={t.tokenShown}
      >
        <label for='t-name'>{t.name}</label>
        <input id='t-name' name='name' required maxlength={64} />
        <label for='t-role'>{t.role}</label>
        <select id='t-role' name='role'>
          <Options choices={roleChoices(t)} />
        </select>
        <Errors id='errors' />
        <p class='ok' id='shown' role='status'></p>
        <button type='submit' class='primary'>
          {t.create}
        </button>
      </form>
    </Layout>
  )
}
