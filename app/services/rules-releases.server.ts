// Replaying a stored decision under the rules version that made it: the current evaluator for the current
// version, an archived release (rules/releases, written by `npm run rules -- release`) for an older one.
// A version with no archive cannot be replayed; its stored trace is then what stands.

import { evaluate, RULES_VERSION } from "../../rules/engine/evaluate";
import { RELEASES } from "../../rules/releases/index";

export type Evaluator = typeof evaluate;

const loaded = new Map<string, Promise<Evaluator | null>>();

/** The evaluator of a rules version, or null when that version was never archived. */
export function evaluatorFor(version: string): Promise<Evaluator | null> {
  if (version === RULES_VERSION) return Promise.resolve(evaluate);
  let pending = loaded.get(version);
  if (!pending) {
    const load = RELEASES[version];
    pending = load
      ? load().then((module) => {
          // An archive that does not compute its own version is corrupt: refuse it rather than replay wrongly.
          if (module.RULES_VERSION !== version) throw new Error(`rules release ${version} reports ${module.RULES_VERSION}`);
          return module.evaluate;
        })
      : Promise.resolve(null);
    loaded.set(version, pending);
  }
  return pending;
}

/** Every archived rules version (the current one among them once it has been released). */
export function archivedRulesVersions(): string[] {
  return Object.keys(RELEASES);
}
