// The remote commands (to be built): a panel to send a command to the kiosks given and show their answers.
import { el } from './app.js';

// A panel for commands to these kiosks (device ids; ['*'] for every kiosk of the fleet).
export function commandPanel(targets) {
  return el('div', { class: 'commands' }, targets.join(', '));
}
