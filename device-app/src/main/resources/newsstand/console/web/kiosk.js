// (to be built)
import { el } from './app.js';

export async function show(root) {
  root.append(el('h1', {}, 'kiosk'));
}
