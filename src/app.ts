import { Hono } from 'hono'
import type { AppEnv } from './env'

/** All routes, mounted. */
export const app = new Hono<AppEnv>()
