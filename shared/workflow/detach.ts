/**
 * A string the workflow model keeps, detached from the file text it was cut from.
 *
 * The YAML reader cuts scalars out of the file's text; V8 represents such a cut (13 characters or
 * more) as a view that keeps the whole text alive. A model holding a step's `uses:` therefore held its
 * whole file: on a repository of 1,500 workflows, 4 MB of file texts stayed reachable from the models
 * (30,000 views), and every young-generation collection copied them until they were promoted.
 *
 * A string used as a property name is internalized: V8 puts a copy of its text in its string table
 * (allocated in the old generation, once per distinct text) and turns the view into a reference to that
 * copy, which lets the file text go. Equal strings of different files share that copy. Only the
 * identity of the string in memory changes, never its value, so a reader of the model cannot tell.
 */
const SHORT = 13;
/** Bounded so that a long-lived process (the broker reads caller workflows) does not grow with it. */
const LIMIT = 1 << 16;

let names: Record<string, true> = Object.create(null) as Record<string, true>;
let count = 0;

export function detached(s: string): string {
  // Shorter cuts are copies already (V8 makes a view only from 13 characters on).
  if (s.length < SHORT) return s;
  if (names[s] === undefined) {
    names[s] = true;
    if (++count > LIMIT) {
      names = Object.create(null) as Record<string, true>;
      count = 0;
    }
  }
  return s;
}
