import { api } from '../helpers'

/** Signs in to the console through its form (the admin by default); answers the session cookie. */
export const consoleCookie = async (email = 'admin', password = 'test-admin-token') => {
  const login = await api('/console/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }).toString(),
    redirect: 'manual',
  })
  return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}
