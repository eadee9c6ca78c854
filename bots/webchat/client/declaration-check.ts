import type * as Declared from '.'
import type * as Implemented from './script'

// The Worker compiles against script.d.ts (package.json `types`); this fails the client's type
// check when the declaration and the code drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

/** True while the declaration matches the code. */
export const declarationMatches: Same<typeof Declared.CHAT_SCRIPT, typeof Implemented.CHAT_SCRIPT> =
  true
