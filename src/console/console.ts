import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { adminRoutes } from './admin-routes'
import { deskRoutes } from './desk-routes'
import { secureHeaders, sessionRoutes } from './session-routes'
import { fileRoutes } from './file-routes'
import { ticketRoutes } from './ticket-routes'

/** The agent console (mounted at /console): sign-in, inbox, conversations and admin pages. */
export const consoleApp = new Hono<AppEnv>()
  .use('*', secureHeaders)
  .route('/', sessionRoutes)
  .route('/admin', adminRoutes)
  .route('/tickets', ticketRoutes)
  .route('/files', fileRoutes)
  .route('/', deskRoutes)
