/** Bodies no platform sends: empty, broken or wrong-shaped JSON, XML, a form, control characters. */
export const GARBAGE_BODIES = [
  '',
  '{',
  'null',
  '[]',
  '"text"',
  '{"a":1}',
  '<xml><a>',
  'a=1&b=2',
  '\u0000\uffff',
  `${'['.repeat(500)}${']'.repeat(500)}`,
]
