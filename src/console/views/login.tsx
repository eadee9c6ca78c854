import type { Strings } from '../i18n'
import { Layout } from './layout'

/** The sign-in form (fields `email` and `password`). */
export const LoginPage = (props: { t: Strings; error?: string; email?: string; next?: string }) => (
  <Layout viewer={null} title={`${props.t.signIn} · ${props.t.appName}`} page='login'>
    <section class='login'>
      <h1>{props.t.appName}</h1>
      <form method='post' action='/console/login' class='stack'>
        {props.next ? <input type='hidden' name='next' value={props.next} /> : null}
        <label for='email'>{props.t.email}</label>
        <input
          id='email'
          name='email'
          type='text'
          autocomplete='username'
          required
          value={props.email ?? ''}
        />
        <label for='password'>{props.t.password}</label>
        <input
          id='password'
          name='password'
          type='password'
          autocomplete='current-password'
          required
        />
        {props.error ? (
          <p class='error' role='alert'>
            {props.error}
          </p>
        ) : null}
        <button type='submit' class='primary'>
          {props.t.signIn}
        </button>
        <p class='hint'>{props.t.signInHint}</p>
      </form>
    </section>
  </Layout>
)
