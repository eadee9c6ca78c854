import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { fileStore } from '../files/store'
import { fileLink } from '../routes/files'
import { signedIn, viewerOf } from './session-routes'
import { MessagePage } from './views/message'

/** `/console/files/:id`: a signed-in agent is sent to a download link that works for 5 minutes (the request is audited). */
export const fileRoutes = new Hono<AppEnv>().use('*', signedIn('agent')).get('/:id', async (c) => {
  const file = await fileStore(c.env.DB, c.env.FILES).get(c.req.param('id'))
  if (!file)
    return c.html(<MessagePage viewer={viewerOf(c)} title='404' text={c.req.param('id')} />, 404)
  const { url } = await fileLink(c.env, file.id, c.get('actorId'), Date.now())
  return c.redirect(url, 302)
})
