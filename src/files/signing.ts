import { hmac, safeEqual } from '../lib/crypto'
import { toBase64Url } from '../lib/encoding'

/** How long a download link works: long enough to click, too short to forward usefully. */
export const FILE_URL_TTL_MS = 5 * 60_000

/** The parts of a signed download link; `by` is the actor the link was issued to (audited on use). */
export interface FileGrant {
  id: string
  by: string
  expiresAt: number
}

/**
 * The signing key: `FILE_URL_SECRET` when set, else one derived from `ADMIN_TOKEN` (so `npm start`
 * needs no extra secret); null when neither is set, and then no link is issued or honoured.
 */
export const fileUrlKey = async (env: {
  FILE_URL_SECRET?: string
  ADMIN_TOKEN?: string
}): Promise<Uint8Array<ArrayBuffer> | null> => {
  if (env.FILE_URL_SECRET) return hmac(env.FILE_URL_SECRET, 'file-urls/v1')
  if (env.ADMIN_TOKEN) return hmac(env.ADMIN_TOKEN, 'file-urls/v1')
  return null
}

const message = (g: FileGrant): string => `${g.id}\n${g.by}\n${g.expiresAt}`

/** The path and query of a signed download link for `grant`. */
export const signFileUrl = async (
  key: Uint8Array<ArrayBuffer>,
  grant: FileGrant
): Promise<string> => {
  const sig = toBase64Url(await hmac(key, message(grant)))
  const query = new URLSearchParams({ by: grant.by, exp: String(grant.expiresAt), sig })
  return `/files/${encodeURIComponent(grant.id)}?${query.toString()}`
}

/** Why a link is not honoured. */
export type GrantProblem = 'malformed' | 'expired' | 'bad_signature'

/** Checks a link's signature and expiry at `now`; the grant, or why not. */
export const verifyFileUrl = async (
  key: Uint8Array<ArrayBuffer>,
  id: string,
  query: { by?: string; exp?: string; sig?: string },
  now: number
): Promise<{ ok: true; grant: FileGrant } | { ok: false; problem: GrantProblem }> => {
  const expiresAt = Number(query.exp)
  if (!query.by || !query.sig || !Number.isSafeInteger(expiresAt))
    return { ok: false, problem: 'malformed' }
  const grant = { id, by: query.by, expiresAt }
  // The signature first: an expired link with a forged signature is a forgery, not an expiry.
  if (!(await safeEqual(toBase64Url(await hmac(key, message(grant))), query.sig)))
    return { ok: false, problem: 'bad_signature' }
  if (now >= expiresAt) return { ok: false, problem: 'expired' }
  return { ok: true, grant }
}
