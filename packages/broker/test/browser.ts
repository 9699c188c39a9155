// The broker tests' browser: testkit's, with every body and Location it receives kept for the canary check.
import { Browser as KitBrowser } from '@socialvault/testkit';

export { expectForm, formOf, textOf, type Page } from '@socialvault/testkit';

/** Every body and Location header any Browser of these tests received, for the canary check. */
export const received: string[] = [];

/** A browser with its own cookies (one per simulated person) whose answers join `received`. */
export class Browser extends KitBrowser {
  constructor() {
    super({ onReceive: (text) => received.push(text) });
  }
}
